package io.statekv.storage.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.storage.UpdateOp;
import java.util.List;

/** Parses iii's update op JSON. (Skeleton: implemented in the storage-json work.) */
public final class UpdateOpParser {
  private UpdateOpParser() {}

  public static List<UpdateOp> parse(JsonNode ops) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
