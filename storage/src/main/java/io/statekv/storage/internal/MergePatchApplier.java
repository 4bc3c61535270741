package io.statekv.storage.internal;

import com.fasterxml.jackson.databind.JsonNode;

/** RFC 7396. (Skeleton: implemented in the storage-json work.) */
public final class MergePatchApplier {
  private MergePatchApplier() {}

  public static JsonNode apply(JsonNode target, JsonNode patch) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
