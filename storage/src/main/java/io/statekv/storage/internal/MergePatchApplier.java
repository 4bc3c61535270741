package io.statekv.storage.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;

/**
 * RFC 7396 JSON merge patch. An object patch merges member by member into the target (a target
 * that is not an object, or is missing, starts as {@code {}}): a null member removes the target's
 * member, an object member merges recursively, and any other member replaces the target's. A patch
 * that is not an object replaces the target whole.
 *
 * <p>Members keep their position in the target; new members follow, in the patch's order. The
 * inputs are never mutated, and the result shares no object or array with them. Stateless and
 * thread-safe.
 */
public final class MergePatchApplier {
  private MergePatchApplier() {}

  /** Applies {@code patch} to {@code target} (null when the key is missing) into a fresh tree. */
  public static JsonNode apply(JsonNode target, JsonNode patch) {
    Objects.requireNonNull(patch, "patch");
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result = target != null && target.isObject()
        ? ((ObjectNode) target).deepCopy()
        : JsonNodeFactory.instance.objectNode();
    mergeInto(result, (ObjectNode) patch);
    return result;
  }

  /** Merges {@code patch} into {@code target}, which is already a private copy. */
  private static void mergeInto(ObjectNode target, ObjectNode patch) {
    for (Map.Entry<String, JsonNode> member : patch.properties()) {
      String name = member.getKey();
      JsonNode value = member.getValue();
      if (value.isNull()) {
        target.remove(name);
      } else if (value.isObject()) {
        JsonNode existing = target.get(name);
        ObjectNode child = existing != null && existing.isObject() ? (ObjectNode) existing : target.objectNode();
        mergeInto(child, (ObjectNode) value);
        target.set(name, child);
      } else {
        target.set(name, value.deepCopy());
      }
    }
  }
}
