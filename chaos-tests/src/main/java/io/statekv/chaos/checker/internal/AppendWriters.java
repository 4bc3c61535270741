package io.statekv.chaos.checker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.chaos.checker.internal.ListAppendTxn.MicroOp;
import io.statekv.chaos.history.MalformedHistoryException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which transaction appended each element to each key, and whether that append was the
 * transaction's last to the key. Elements must be unique per key, or reads could not name their
 * writer. Immutable after {@link #index}.
 */
public final class AppendWriters {

  /**
   * The append of one element.
   *
   * @param txn the transaction that appended it
   * @param isFinal true if the transaction appended nothing to the key after it
   */
  public record Writer(ListAppendTxn txn, boolean isFinal) {}

  private final Map<JsonNode, Map<JsonNode, Writer>> byKey = new HashMap<>();

  private AppendWriters() {}

  /**
   * Indexes the appends of every transaction, whatever its outcome.
   *
   * @throws MalformedHistoryException if an element is appended to the same key twice
   */
  public static AppendWriters index(List<ListAppendTxn> txns) {
    AppendWriters writers = new AppendWriters();
    for (ListAppendTxn txn : txns) {
      List<MicroOp> ops = txn.microOps();
      for (int i = 0; i < ops.size(); i++) {
        MicroOp op = ops.get(i);
        if (op.isAppend()) {
          writers.add(txn, op, isLastAppendTo(ops, i));
        }
      }
    }
    return writers;
  }

  private static boolean isLastAppendTo(List<MicroOp> ops, int position) {
    JsonNode key = ops.get(position).key();
    for (int i = position + 1; i < ops.size(); i++) {
      if (ops.get(i).isAppend() && ops.get(i).key().equals(key)) {
        return false;
      }
    }
    return true;
  }

  private void add(ListAppendTxn txn, MicroOp op, boolean isFinal) {
    Writer earlier = byKey.computeIfAbsent(op.key(), k -> new HashMap<>())
        .putIfAbsent(op.value(), new Writer(txn, isFinal));
    if (earlier != null) {
      throw new MalformedHistoryException(txn.operation().invoke().line(), "element "
          + op.value() + " is appended to key " + op.key() + " again (first by the txn on line "
          + earlier.txn().operation().invoke().line() + "); appended elements must be unique");
    }
  }

  /** The append of {@code element} to {@code key}, or null if no transaction appended it. */
  public Writer writer(JsonNode key, JsonNode element) {
    Map<JsonNode, Writer> elements = byKey.get(key);
    return elements == null ? null : elements.get(element);
  }
}
