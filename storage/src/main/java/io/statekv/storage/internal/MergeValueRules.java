package io.statekv.storage.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.storage.JsonCodec;
import io.statekv.storage.Limits;
import io.statekv.storage.UpdateError;
import java.util.List;
import java.util.TreeSet;

/**
 * iii's validation of a merge value, in iii's order: it must be an object, with at most {@link
 * Limits#MERGE_VALUE_KEYS_MAX} top-level keys, none of them a prototype-pollution name, nesting at
 * most {@link Limits#MERGE_VALUE_DEPTH_MAX} levels. Stateless and thread-safe.
 */
final class MergeValueRules {
  private MergeValueRules() {}

  /**
   * The pollution names in ascending order. iii's serde_json maps keep their keys sorted, so when a
   * value holds several of these names iii names the smallest; so do we, whatever the key order.
   */
  private static final List<String> POLLUTION_NAMES_SORTED =
      List.copyOf(new TreeSet<>(Limits.PROTO_POLLUTION_NAMES));

  /** Returns the op's error, or null when the value may be merged. */
  static UpdateError check(int opIndex, JsonNode value) {
    if (value == null || !value.isObject()) {
      return new UpdateError(opIndex, "merge.value.not_an_object", "Merge value must be a JSON object");
    }
    if (value.size() > Limits.MERGE_VALUE_KEYS_MAX) {
      return new UpdateError(
          opIndex,
          "merge.value.too_many_keys",
          "Merge value has " + value.size() + " top-level keys, exceeds maximum of "
              + Limits.MERGE_VALUE_KEYS_MAX);
    }
    for (String name : POLLUTION_NAMES_SORTED) {
      if (value.has(name)) {
        return new UpdateError(
            opIndex,
            "merge.value.proto_polluted",
            "Merge value top-level key \"" + name + "\" is a prototype-pollution sink");
      }
    }
    int depth = JsonCodec.depth(value);
    if (depth > Limits.MERGE_VALUE_DEPTH_MAX) {
      return new UpdateError(
          opIndex,
          "merge.value.too_deep",
          "Merge value JSON nesting depth " + depth + " exceeds maximum of " + Limits.MERGE_VALUE_DEPTH_MAX);
    }
    return null;
  }
}
