package io.statekv.storage.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.storage.UpdateError;
import java.util.List;

/**
 * iii's per-op error codes and message shapes, word for word, so that clients that parse iii's
 * {@code errors[]} read ours the same way. Stateless and thread-safe.
 */
final class UpdateErrors {
  private UpdateErrors() {}

  static final String ROOT_LABEL = "root";

  /** JSON's name for the type of {@code node}, as iii spells it in messages. */
  static String typeName(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "missing";
    }
    if (node.isNull()) {
      return "null";
    }
    if (node.isBoolean()) {
      return "boolean";
    }
    if (node.isNumber()) {
      return "number";
    }
    if (node.isTextual()) {
      return "string";
    }
    return node.isArray() ? "array" : "object";
  }

  /** A first-level field as iii names it in messages: the field itself, or {@code root}. */
  static String fieldLabel(String field) {
    return field.isEmpty() ? ROOT_LABEL : field;
  }

  /** A segment path as iii names it: {@code [a, b]}, never dot-joined since dots are literal. */
  static String segmentsLabel(List<String> segments) {
    return segments.isEmpty() ? ROOT_LABEL : "[" + String.join(", ", segments) + "]";
  }

  /** {@code <op>.target_not_object}: a field path while the current value is not an object. */
  static UpdateError targetNotObject(int opIndex, String op, String label, JsonNode target) {
    return new UpdateError(
        opIndex,
        op + ".target_not_object",
        "Cannot " + op + " at path '" + label + "': target is " + typeName(target) + ", expected object.");
  }

  /** {@code increment.not_number} or {@code decrement.not_number}. */
  static UpdateError notNumber(int opIndex, String op, String label, JsonNode found) {
    return new UpdateError(
        opIndex, op + ".not_number", "Expected number at path '" + label + "', got " + typeName(found) + ".");
  }

  /** {@code append.type_mismatch} for a non-string value appended to a string. */
  static UpdateError appendNotString(int opIndex, String label, JsonNode value) {
    return new UpdateError(
        opIndex,
        "append.type_mismatch",
        "Expected string append value at path '" + label + "', got " + typeName(value) + ".");
  }

  /** {@code append.type_mismatch} for a target that is neither array, string nor null. */
  static UpdateError appendTargetMismatch(int opIndex, String label, JsonNode target) {
    return new UpdateError(
        opIndex,
        "append.type_mismatch",
        "Cannot append at path '" + label + "': target is " + typeName(target)
            + ", expected array, string, null, or missing field.");
  }
}
