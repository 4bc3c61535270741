package io.statekv.chaos.checker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.chaos.checker.ChangeEvent;
import io.statekv.chaos.history.History;
import io.statekv.chaos.history.MalformedHistoryException;
import io.statekv.chaos.history.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The writes of a watch workload history, indexed for matching events to them. Ops:
 *
 * <ul>
 *   <li>{@code set} and {@code update}, invoked with {@code {"key": K, "w": N}} where N is unique
 *       in the history and ends up as the field {@code w} of the written value; ok with {@code
 *       {"key", "w", "revision", "type", "value"}}: the acknowledged revision, event type and new
 *       value;
 *   <li>{@code delete}, invoked with {@code {"key": K}}; ok with {@code {"key", "revision"}},
 *       revision 0 when nothing was deleted;
 *   <li>{@code read}, the final read: ok with {@code {"revision": R, "entries": {K: value}}}.
 * </ul>
 *
 * Immutable after construction.
 */
public final class WatchWrites {
  /** The value field holding a write's unique number. */
  public static final String W = "w";

  private final String scope;
  private final Map<Long, Operation> writesByW = new HashMap<>();
  private final List<Operation> okWrites = new ArrayList<>();
  private final Map<String, Integer> indeterminateDeletes = new HashMap<>();
  private Operation finalRead;

  /**
   * @throws MalformedHistoryException for an op of another workload or a number written twice
   */
  public WatchWrites(History history, String scope) {
    this.scope = scope;
    for (Operation op : history.operations()) {
      switch (op.f()) {
        case "set", "update" -> addWrite(op);
        case "delete" -> addDelete(op);
        case "read" -> finalRead = op.isOk() ? op : finalRead;
        default -> throw new MalformedHistoryException(op.invoke().line(),
            "not a watch workload op: " + op.f());
      }
    }
  }

  private void addWrite(Operation op) {
    long w = field(op.invokeValue(), W, op).asLong();
    field(op.invokeValue(), "key", op);
    Operation earlier = writesByW.putIfAbsent(w, op);
    if (earlier != null) {
      throw new MalformedHistoryException(op.invoke().line(), "number " + w + " is written again"
          + " (first on line " + earlier.invoke().line() + "); numbers must be unique");
    }
    if (op.isOk()) {
      field(op.completionValue(), "revision", op);
      okWrites.add(op);
    }
  }

  private void addDelete(Operation op) {
    String key = field(op.invokeValue(), "key", op).asText();
    if (op.isOk()) {
      field(op.completionValue(), "revision", op);
      okWrites.add(op);
    } else if (op.isIndeterminate()) {
      indeterminateDeletes.merge(key, 1, Integer::sum);
    }
  }

  private static JsonNode field(JsonNode value, String name, Operation op) {
    if (value == null || !value.hasNonNull(name)) {
      throw new MalformedHistoryException(op.invoke().line(), op.f() + " lacks '" + name + "'");
    }
    return value.get(name);
  }

  /** The set or update that wrote number {@code w}, or null. */
  public Operation writeOf(long w) {
    return writesByW.get(w);
  }

  /** Ok sets, updates and deletes, in invocation order. */
  public List<Operation> okWrites() {
    return List.copyOf(okWrites);
  }

  /** How many deletes of a key ended in info or never ended. */
  public int indeterminateDeletes(String key) {
    return indeterminateDeletes.getOrDefault(key, 0);
  }

  /** The last ok final read, or null. */
  public Operation finalRead() {
    return finalRead;
  }

  /** The acknowledged revision of an ok op; 0 for a delete that deleted nothing. */
  public static long revision(Operation okOp) {
    return okOp.completionValue().get("revision").asLong();
  }

  /** The event an ok op must have produced, or null for a delete that deleted nothing. */
  public ChangeEvent expectedEvent(Operation okOp) {
    long revision = revision(okOp);
    if (revision == 0) {
      return null;
    }
    String key = okOp.invokeValue().get("key").asText();
    JsonNode done = okOp.completionValue();
    return okOp.f().equals("delete")
        ? new ChangeEvent(revision, scope, key, ChangeEvent.DELETED, null, "write")
        : new ChangeEvent(revision, scope, key, done.get("type").asText(), done.get("value"),
            "write");
  }
}
