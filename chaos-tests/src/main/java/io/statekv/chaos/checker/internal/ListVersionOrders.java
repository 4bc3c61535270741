package io.statekv.chaos.checker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.chaos.checker.Anomaly;
import io.statekv.chaos.checker.internal.ListAppendTxn.MicroOp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which elements were appended to each key, inferred from reads: every read of a
 * list is a prefix of the final list, so the longest read gives the order and every other read
 * must be a prefix of it. Immutable after {@link #infer}.
 */
public final class ListVersionOrders {
  private final Map<JsonNode, List<JsonNode>> longest = new LinkedHashMap<>();

  private ListVersionOrders() {}

  /**
   * Infers the order of each key from the reads of ok transactions, reporting reads with
   * duplicate elements (which are then ignored) and reads that are not a prefix of the longest.
   */
  public static ListVersionOrders infer(List<ListAppendTxn> txns, List<Anomaly> anomalies) {
    ListVersionOrders orders = new ListVersionOrders();
    Map<JsonNode, List<Read>> reads = new LinkedHashMap<>();
    for (ListAppendTxn txn : txns) {
      if (!txn.operation().isOk()) {
        continue;
      }
      for (MicroOp op : txn.microOps()) {
        if (!op.isAppend() && hasNoDuplicates(txn, op, anomalies)) {
          reads.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(new Read(txn, op.value()));
        }
      }
    }
    reads.forEach((key, keyReads) -> orders.inferKey(key, keyReads, anomalies));
    return orders;
  }

  private record Read(ListAppendTxn txn, JsonNode list) {}

  private static boolean hasNoDuplicates(ListAppendTxn txn, MicroOp read, List<Anomaly> anomalies) {
    Set<JsonNode> seen = new HashSet<>();
    for (JsonNode element : read.value()) {
      if (!seen.add(element)) {
        anomalies.add(new Anomaly("duplicate-elements", txn.name() + " read key " + read.key()
            + " as " + JsonValues.brief(read.value()) + ", which holds " + element + " twice", List.of(txn.op())));
        return false;
      }
    }
    return true;
  }

  private void inferKey(JsonNode key, List<Read> reads, List<Anomaly> anomalies) {
    Read longestRead = reads.get(0);
    for (Read read : reads) {
      if (read.list().size() > longestRead.list().size()) {
        longestRead = read;
      }
    }
    List<JsonNode> order = new ArrayList<>();
    longestRead.list().forEach(order::add);
    for (Read read : reads) {
      if (!isPrefix(read.list(), order)) {
        anomalies.add(new Anomaly("incompatible-order", "key " + key + ": " + read.txn().name()
            + " read " + JsonValues.brief(read.list()) + ", which is not a prefix of "
            + JsonValues.brief(longestRead.list())
            + " read by " + longestRead.txn().name(),
            List.of(read.txn().op(), longestRead.txn().op())));
      }
    }
    longest.put(key, List.copyOf(order));
  }

  /** True if {@code list} is a prefix of {@code order}. */
  public static boolean isPrefix(JsonNode list, List<JsonNode> order) {
    if (list.size() > order.size()) {
      return false;
    }
    for (int i = 0; i < list.size(); i++) {
      if (!list.get(i).equals(order.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** The inferred order of a key, empty if no ok transaction read it. */
  public List<JsonNode> order(JsonNode key) {
    return longest.getOrDefault(key, List.of());
  }

  /** Every key some ok transaction read, in first-read order. */
  public Set<JsonNode> keys() {
    return longest.keySet();
  }
}
