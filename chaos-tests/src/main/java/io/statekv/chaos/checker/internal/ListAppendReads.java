package io.statekv.chaos.checker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.chaos.checker.Anomaly;
import io.statekv.chaos.checker.internal.AppendWriters.Writer;
import io.statekv.chaos.checker.internal.ListAppendTxn.MicroOp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Anomalies visible in single reads: aborted reads (G1a), intermediate reads (G1b), elements no
 * transaction appended, and reads inconsistent with the transaction's own earlier micro-ops.
 */
public final class ListAppendReads {
  private ListAppendReads() {}

  /** Checks every read of every ok transaction. */
  public static void check(List<ListAppendTxn> txns, AppendWriters writers,
      List<Anomaly> anomalies) {
    for (ListAppendTxn txn : txns) {
      if (!txn.operation().isOk()) {
        continue;
      }
      for (MicroOp op : txn.microOps()) {
        if (!op.isAppend()) {
          checkElements(txn, op, writers, anomalies);
          checkIntermediate(txn, op, writers, anomalies);
        }
      }
      checkInternal(txn, anomalies);
    }
  }

  private static void checkElements(ListAppendTxn reader, MicroOp read, AppendWriters writers,
      List<Anomaly> anomalies) {
    Set<ListAppendTxn> abortedWriters = new HashSet<>();
    boolean unexpectedReported = false;
    for (JsonNode element : read.value()) {
      Writer writer = writers.writer(read.key(), element);
      if (writer == null && !unexpectedReported) {
        unexpectedReported = true;
        anomalies.add(new Anomaly("unexpected-element", reader.name() + " read key " + read.key()
            + " as " + JsonValues.brief(read.value()) + ", but no transaction appended " + element,
            List.of(reader.op())));
      } else if (writer != null && writer.txn().operation().isFail()
          && abortedWriters.add(writer.txn())) {
        anomalies.add(new Anomaly("G1a", reader.name() + " read key " + read.key() + " as "
            + JsonValues.brief(read.value()) + ", including " + element + " appended by " + writer.txn().name()
            + ", which failed", List.of(reader.op(), writer.txn().op())));
      }
    }
  }

  private static void checkIntermediate(ListAppendTxn reader, MicroOp read,
      AppendWriters writers, List<Anomaly> anomalies) {
    if (read.value().size() == 0) {
      return;
    }
    JsonNode last = read.value().get(read.value().size() - 1);
    Writer writer = writers.writer(read.key(), last);
    if (writer != null && writer.txn() != reader && !writer.isFinal()
        && !writer.txn().operation().isFail()) {
      anomalies.add(new Anomaly("G1b", reader.name() + " read key " + read.key() + " as "
          + JsonValues.brief(read.value()) + ", ending in " + last + ", which " + writer.txn().name()
          + " appended before appending more to the key", List.of(reader.op(), writer.txn().op())));
    }
  }

  /**
   * Checks that each read agrees with the transaction's earlier reads and appends of the key:
   * after a read, the list is known and grows by the transaction's own appends; before any read,
   * the list must at least end with the appends made so far.
   */
  private static void checkInternal(ListAppendTxn txn, List<Anomaly> anomalies) {
    Map<JsonNode, List<JsonNode>> known = new HashMap<>();
    Map<JsonNode, List<JsonNode>> ownSuffix = new HashMap<>();
    for (MicroOp op : txn.microOps()) {
      if (op.isAppend()) {
        List<JsonNode> list = known.containsKey(op.key()) ? known.get(op.key())
            : ownSuffix.computeIfAbsent(op.key(), k -> new ArrayList<>());
        list.add(op.value());
        continue;
      }
      List<JsonNode> read = new ArrayList<>();
      op.value().forEach(read::add);
      if (!agrees(read, known.get(op.key()), ownSuffix.get(op.key()))) {
        anomalies.add(new Anomaly("internal", txn.name() + " read key " + op.key() + " as "
            + JsonValues.brief(op.value()) + ", which contradicts its own earlier reads and appends of the key",
            List.of(txn.op())));
      }
      known.put(op.key(), read);
      ownSuffix.remove(op.key());
    }
  }

  private static boolean agrees(List<JsonNode> read, List<JsonNode> known, List<JsonNode> suffix) {
    if (known != null) {
      return read.equals(known);
    }
    return suffix == null
        || read.size() >= suffix.size()
            && read.subList(read.size() - suffix.size(), read.size()).equals(suffix);
  }
}
