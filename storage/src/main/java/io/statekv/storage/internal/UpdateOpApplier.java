package io.statekv.storage.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.storage.UpdateOp;
import io.statekv.storage.UpdateOps;
import java.util.List;

/** Applies iii's update ops. (Skeleton: implemented in the storage-json work.) */
public final class UpdateOpApplier {
  private UpdateOpApplier() {}

  public static UpdateOps.Outcome apply(JsonNode current, List<UpdateOp> ops) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
