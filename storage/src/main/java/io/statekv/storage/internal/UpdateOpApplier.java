package io.statekv.storage.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.statekv.storage.Limits;
import io.statekv.storage.UpdateError;
import io.statekv.storage.UpdateOp;
import io.statekv.storage.UpdateOps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies iii's update ops best-effort, with iii's engine as the reference for every rule (see
 * docs/api-update-ops.md): each op either applies or adds one {@link UpdateError} and is skipped,
 * and later ops still run.
 *
 * <p>A missing key starts as {@code {}}, but until some op succeeds a root increment, decrement or
 * append treats it as absent, yielding {@code by}, {@code -by} or the appended value itself. iii
 * tracks this with the same flag.
 *
 * <p>The inputs are never mutated: the current value is copied once, and every value taken from an
 * op is copied when it is stored, so the outcome shares no object or array with the inputs (only
 * immutable scalars). One instance runs one request on one thread; the static entry point is
 * thread-safe.
 */
public final class UpdateOpApplier {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonNode current;
  private boolean missingDefault;
  private final List<UpdateError> errors = new ArrayList<>();

  private UpdateOpApplier(JsonNode current) {
    this.missingDefault = current == null;
    this.current = current == null ? NODES.objectNode() : current.deepCopy();
  }

  /** Applies {@code ops} in order to {@code current}, which is null when the key is missing. */
  public static UpdateOps.Outcome apply(JsonNode current, List<UpdateOp> ops) {
    Objects.requireNonNull(ops, "ops");
    if (ops.size() > Limits.UPDATE_OPS_MAX) {
      throw new IllegalArgumentException("more than " + Limits.UPDATE_OPS_MAX + " update ops: " + ops.size());
    }
    UpdateOpApplier run = new UpdateOpApplier(current);
    for (int i = 0; i < ops.size(); i++) {
      run.applyOne(i, Objects.requireNonNull(ops.get(i), "op"));
    }
    return new UpdateOps.Outcome(run.current, run.errors);
  }

  private void applyOne(int opIndex, UpdateOp op) {
    if (op instanceof UpdateOp.Set set) {
      set(opIndex, set.field(), set.value());
    } else if (op instanceof UpdateOp.Merge merge) {
      merge(opIndex, merge.path(), merge.value());
    } else if (op instanceof UpdateOp.Increment increment) {
      step(opIndex, increment.name(), increment.field(), increment.by(), false);
    } else if (op instanceof UpdateOp.Decrement decrement) {
      step(opIndex, decrement.name(), decrement.field(), decrement.by(), true);
    } else if (op instanceof UpdateOp.Append append) {
      append(opIndex, append.path(), append.value());
    } else if (op instanceof UpdateOp.Remove remove) {
      remove(opIndex, remove.field());
    } else {
      throw new IllegalStateException("unknown update op " + op);
    }
  }

  /** Records the error if there is one; true when the op must be skipped. */
  private boolean failed(UpdateError error) {
    if (error != null) {
      errors.add(error);
    }
    return error != null;
  }

  private static JsonNode copyOf(JsonNode value) {
    return value == null ? NullNode.getInstance() : value.deepCopy();
  }

  private void set(int opIndex, String field, JsonNode value) {
    if (failed(OpPathRules.check(opIndex, "set", OpPathRules.fieldSegments(field)))) {
      return;
    }
    if (field.isEmpty()) {
      current = copyOf(value);
    } else if (current.isObject()) {
      ((ObjectNode) current).set(field, copyOf(value));
    } else {
      errors.add(UpdateErrors.targetNotObject(opIndex, "set", field, current));
      return;
    }
    missingDefault = false;
  }

  private void merge(int opIndex, List<String> path, JsonNode value) {
    if (failed(OpPathRules.check(opIndex, "merge", path)) || failed(MergeValueRules.check(opIndex, value))) {
      return;
    }
    ObjectNode target;
    if (!path.isEmpty()) {
      target = walkOrCreate(path);
    } else if (current.isObject()) {
      target = (ObjectNode) current;
    } else {
      // iii leaves a non-object root as it is, without an error, when merging at the root.
      return;
    }
    for (Map.Entry<String, JsonNode> member : value.properties()) {
      // Shallow: each top-level member replaces the target's, and a null is stored, not removed.
      target.set(member.getKey(), copyOf(member.getValue()));
    }
    missingDefault = false;
  }

  /**
   * Walks {@code segments} from the root, replacing the root and every intermediate that is not an
   * object (missing, null, scalar or array) with a fresh {@code {}}, and returns the last object.
   */
  private ObjectNode walkOrCreate(List<String> segments) {
    if (!current.isObject()) {
      current = NODES.objectNode();
    }
    ObjectNode node = (ObjectNode) current;
    for (String segment : segments) {
      JsonNode child = node.get(segment);
      if (child == null || !child.isObject()) {
        child = NODES.objectNode();
        node.set(segment, child);
      }
      node = (ObjectNode) child;
    }
    return node;
  }

  /** Increment ({@code subtract} false) or decrement ({@code subtract} true). */
  private void step(int opIndex, String op, String field, long by, boolean subtract) {
    if (failed(OpPathRules.check(opIndex, op, OpPathRules.fieldSegments(field)))) {
      return;
    }
    if (field.isEmpty()) {
      JsonNode updated =
          missingDefault ? CounterArithmetic.start(by, subtract) : CounterArithmetic.step(current, by, subtract);
      if (updated == null) {
        errors.add(UpdateErrors.notNumber(opIndex, op, UpdateErrors.ROOT_LABEL, current));
        return;
      }
      current = updated;
    } else if (current.isObject()) {
      ObjectNode object = (ObjectNode) current;
      JsonNode existing = object.get(field);
      // A missing field counts from 0, but a present null is not a number.
      JsonNode updated =
          existing == null ? CounterArithmetic.start(by, subtract) : CounterArithmetic.step(existing, by, subtract);
      if (updated == null) {
        errors.add(UpdateErrors.notNumber(opIndex, op, field, existing));
        return;
      }
      object.set(field, updated);
    } else {
      errors.add(UpdateErrors.targetNotObject(opIndex, op, field, current));
      return;
    }
    missingDefault = false;
  }

  private void append(int opIndex, List<String> path, JsonNode item) {
    if (failed(OpPathRules.check(opIndex, "append", path))) {
      return;
    }
    JsonNode value = item == null ? NullNode.getInstance() : item;
    if (path.isEmpty()) {
      JsonNode target = missingDefault ? NullNode.getInstance() : current;
      JsonNode updated = appendTo(opIndex, target, value, UpdateErrors.ROOT_LABEL);
      if (updated != null) {
        current = updated;
        missingDefault = false;
      }
      return;
    }
    // A field path needs an object root; unlike merge, append checks this before walking.
    if (!current.isObject()) {
      errors.add(UpdateErrors.targetNotObject(opIndex, "append", UpdateErrors.segmentsLabel(path), current));
      return;
    }
    String leaf = path.get(path.size() - 1);
    ObjectNode parent =
        path.size() == 1 ? (ObjectNode) current : walkOrCreate(path.subList(0, path.size() - 1));
    JsonNode existing = parent.get(leaf);
    if (existing == null) {
      // A missing first-level field starts by the value's kind; a missing nested leaf is always an array.
      parent.set(leaf, path.size() == 1 ? initialAppendValue(value) : NODES.arrayNode().add(copyOf(value)));
    } else {
      JsonNode updated = appendTo(opIndex, existing, value, leaf);
      if (updated != null) {
        parent.set(leaf, updated);
      }
    }
    missingDefault = false;
  }

  /** The target after appending, or null after recording why it cannot take the value. */
  private JsonNode appendTo(int opIndex, JsonNode target, JsonNode value, String label) {
    if (target.isArray()) {
      return ((ArrayNode) target).add(copyOf(value));
    }
    if (target.isTextual()) {
      if (value.isTextual()) {
        return TextNode.valueOf(target.textValue() + value.textValue());
      }
      errors.add(UpdateErrors.appendNotString(opIndex, label, value));
      return null;
    }
    if (target.isNull()) {
      return initialAppendValue(value);
    }
    errors.add(UpdateErrors.appendTargetMismatch(opIndex, label, target));
    return null;
  }

  /** A string starts a string, so later appends concatenate; anything else starts an array. */
  private static JsonNode initialAppendValue(JsonNode value) {
    return value.isTextual() ? value : NODES.arrayNode().add(copyOf(value));
  }

  private void remove(int opIndex, String field) {
    if (failed(OpPathRules.check(opIndex, "remove", OpPathRules.fieldSegments(field)))) {
      return;
    }
    if (field.isEmpty()) {
      current = NullNode.getInstance();
    } else if (current.isObject()) {
      // Removing a missing field is silent.
      ((ObjectNode) current).remove(field);
    } else {
      errors.add(UpdateErrors.targetNotObject(opIndex, "remove", field, current));
      return;
    }
    missingDefault = false;
  }
}
