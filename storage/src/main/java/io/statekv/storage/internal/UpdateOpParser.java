package io.statekv.storage.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.statekv.storage.Limits;
import io.statekv.storage.UpdateOp;
import io.statekv.storage.UpdateOps.MalformedOpException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses iii's JSON shape of update ops, as iii's serde types read it: an array of objects tagged
 * by {@code type}, one of {@code set}, {@code merge}, {@code increment}, {@code decrement}, {@code
 * append} and {@code remove} (exact, lower case). Any shape iii would refuse rejects the whole
 * request with a {@link MalformedOpException} naming the op; the limits on paths and merge values
 * are not shape rules, so they are per-op errors at apply time, as in iii.
 *
 * <ul>
 *   <li>{@code path} of set, increment, decrement and remove is a string; of merge and append, a
 *       string or an array of strings. Missing, null, {@code ""} and {@code []} mean the root.
 *   <li>{@code by} is an integer that fits an i64. A float (even {@code 1.0}), a string or a
 *       larger integer is malformed, as in serde.
 *   <li>{@code value} is required for merge and append (a null value is present); set without one
 *       sets null.
 *   <li>Unknown members are ignored, as serde does by default.
 * </ul>
 *
 * <p>The returned ops share value subtrees with {@code ops}, which must not be mutated afterwards.
 * Stateless and thread-safe.
 */
public final class UpdateOpParser {
  private UpdateOpParser() {}

  private static final String OP_NAMES = "set, merge, increment, decrement, append, remove";

  /** Parses an {@code ops} array; see the class comment for the accepted shapes. */
  public static List<UpdateOp> parse(JsonNode ops) {
    if (ops == null || !ops.isArray()) {
      throw new MalformedOpException(
          MalformedOpException.OPS_FIELD, "must be an array of ops, got " + UpdateErrors.typeName(ops));
    }
    if (ops.size() > Limits.UPDATE_OPS_MAX) {
      throw new MalformedOpException(
          MalformedOpException.OPS_FIELD,
          ops.size() + " ops, more than update_ops_max " + Limits.UPDATE_OPS_MAX);
    }
    List<UpdateOp> parsed = new ArrayList<>(ops.size());
    for (int i = 0; i < ops.size(); i++) {
      parsed.add(parseOne(i, ops.get(i)));
    }
    return List.copyOf(parsed);
  }

  private static UpdateOp parseOne(int opIndex, JsonNode op) {
    if (!op.isObject()) {
      throw new MalformedOpException(opIndex, "an op must be an object, got " + UpdateErrors.typeName(op));
    }
    JsonNode type = op.get("type");
    if (type == null) {
      throw new MalformedOpException(opIndex, "missing field 'type'");
    }
    if (!type.isTextual()) {
      throw new MalformedOpException(opIndex, "'type' must be a string, got " + UpdateErrors.typeName(type));
    }
    switch (type.textValue()) {
      case "set":
        JsonNode value = op.get("value");
        return new UpdateOp.Set(field(opIndex, op), value == null ? NullNode.getInstance() : value);
      case "merge":
        return new UpdateOp.Merge(segments(opIndex, op), requiredValue(opIndex, op));
      case "increment":
        return new UpdateOp.Increment(field(opIndex, op), by(opIndex, op));
      case "decrement":
        return new UpdateOp.Decrement(field(opIndex, op), by(opIndex, op));
      case "append":
        return new UpdateOp.Append(segments(opIndex, op), requiredValue(opIndex, op));
      case "remove":
        return new UpdateOp.Remove(field(opIndex, op));
      default:
        throw new MalformedOpException(
            opIndex, "unknown op type '" + type.textValue() + "', expected one of " + OP_NAMES);
    }
  }

  /** The first-level field of set, increment, decrement and remove; {@code ""} is the root. */
  private static String field(int opIndex, JsonNode op) {
    JsonNode path = op.get("path");
    if (path == null || path.isNull()) {
      return "";
    }
    if (!path.isTextual()) {
      throw new MalformedOpException(
          opIndex,
          "'path' of " + op.get("type").textValue() + " must be a string, got " + UpdateErrors.typeName(path));
    }
    return wellFormed(opIndex, "'path'", path.textValue());
  }

  /** The segments of merge and append: a string is one segment, and {@code ""} is the root. */
  private static List<String> segments(int opIndex, JsonNode op) {
    JsonNode path = op.get("path");
    if (path == null || path.isNull()) {
      return List.of();
    }
    if (path.isTextual()) {
      String segment = wellFormed(opIndex, "'path'", path.textValue());
      return segment.isEmpty() ? List.of() : List.of(segment);
    }
    if (!path.isArray()) {
      throw new MalformedOpException(
          opIndex,
          "'path' of " + op.get("type").textValue() + " must be a string or an array of strings, got "
              + UpdateErrors.typeName(path));
    }
    List<String> segments = new ArrayList<>(path.size());
    for (int k = 0; k < path.size(); k++) {
      JsonNode segment = path.get(k);
      if (!segment.isTextual()) {
        throw new MalformedOpException(
            opIndex, "'path[" + k + "]' must be a string, got " + UpdateErrors.typeName(segment));
      }
      segments.add(wellFormed(opIndex, "'path[" + k + "]'", segment.textValue()));
    }
    return segments;
  }

  /** serde_json refuses strings with unpaired surrogates, so iii never sees such a path. */
  private static String wellFormed(int opIndex, String what, String text) {
    int lone = Utf8.firstLoneSurrogate(text);
    if (lone >= 0) {
      throw new MalformedOpException(opIndex, what + " holds an unpaired surrogate at index " + lone);
    }
    return text;
  }

  private static JsonNode requiredValue(int opIndex, JsonNode op) {
    JsonNode value = op.get("value");
    if (value == null) {
      throw new MalformedOpException(opIndex, "missing field 'value' for " + op.get("type").textValue());
    }
    return value;
  }

  /** iii's {@code by} is an i64: only an integer literal within its range is accepted. */
  private static long by(int opIndex, JsonNode op) {
    JsonNode by = op.get("by");
    if (by == null) {
      throw new MalformedOpException(opIndex, "missing field 'by'");
    }
    if (by.isIntegralNumber() && by.canConvertToLong()) {
      return by.longValue();
    }
    if (by.isIntegralNumber()) {
      throw new MalformedOpException(opIndex, "'by' is " + by.asText() + ", out of range for an i64");
    }
    String found = by.isNumber() ? "float " + by.asText() : UpdateErrors.typeName(by);
    throw new MalformedOpException(opIndex, "'by' must be an integer (i64), got " + found);
  }
}
