package io.statekv.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.client.internal.JsonValues;
import java.util.List;

/**
 * One of iii's update ops, applied in order and best-effort by {@code update}: an op that cannot
 * apply is skipped and reported in {@link WriteResult#errors()}, the others still apply. A missing
 * key starts as {@code {}}.
 *
 * <p>Paths follow iii exactly. {@code set}, {@code increment}, {@code decrement} and {@code remove}
 * take one first-level field name, literally ({@code "a.b"} is the field named {@code a.b}); {@code
 * ""} is the root. {@code merge} and {@code append} take the segments of a nested path; no segments
 * is the root.
 *
 * <p>Values are converted to JSON when the op is built, with the client's shared Jackson mapper.
 * Immutable.
 *
 * @param value the op's JSON value; null for increment, decrement and remove
 * @param by the amount of increment and decrement; 0 otherwise
 */
public record UpdateOp(Type type, List<String> path, JsonNode value, long by) {

  /** The op types of iii. */
  public enum Type {
    SET,
    MERGE,
    INCREMENT,
    DECREMENT,
    APPEND,
    REMOVE
  }

  public UpdateOp {
    path = List.copyOf(path);
  }

  /** Sets a first-level field to a value ({@code ""}: replaces the whole value). */
  public static UpdateOp set(String field, Object value) {
    return new UpdateOp(Type.SET, List.of(field), JsonValues.toTree(value), 0);
  }

  /** Shallow-merges an object into the object at {@code path} (none: the root), creating intermediate objects. */
  public static UpdateOp merge(Object object, String... path) {
    return new UpdateOp(Type.MERGE, List.of(path), JsonValues.toTree(object), 0);
  }

  /** Adds {@code by} to a numeric first-level field; a missing field counts from 0. */
  public static UpdateOp increment(String field, long by) {
    return new UpdateOp(Type.INCREMENT, List.of(field), null, by);
  }

  /** Subtracts {@code by} from a numeric first-level field; a missing field counts from 0. */
  public static UpdateOp decrement(String field, long by) {
    return new UpdateOp(Type.DECREMENT, List.of(field), null, by);
  }

  /** Pushes onto the array at {@code path} (none: the root), or concatenates onto a string there. */
  public static UpdateOp append(Object item, String... path) {
    return new UpdateOp(Type.APPEND, List.of(path), JsonValues.toTree(item), 0);
  }

  /** Removes a first-level field ({@code ""}: sets the whole value to null). */
  public static UpdateOp remove(String field) {
    return new UpdateOp(Type.REMOVE, List.of(field), null, 0);
  }
}
