package io.statekv.storage;

import com.fasterxml.jackson.databind.JsonNode;

/** RFC 7396 JSON merge patch: nested objects merge recursively and null removes a member. */
public final class MergePatch {
  private MergePatch() {}

  /**
   * Applies {@code patch} to {@code target} (null when the key is missing) and returns a fresh
   * tree. Never mutates its inputs.
   */
  public static JsonNode apply(JsonNode target, JsonNode patch) {
    return io.statekv.storage.internal.MergePatchApplier.apply(target, patch);
  }
}
