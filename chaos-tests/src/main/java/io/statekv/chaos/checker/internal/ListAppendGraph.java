package io.statekv.chaos.checker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.chaos.checker.internal.AppendWriters.Writer;
import io.statekv.chaos.checker.internal.DependencyGraph.Dependency;
import io.statekv.chaos.checker.internal.ListAppendTxn.MicroOp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the dependency graph of list-append transactions: ww edges between consecutive appends
 * in each key's inferred order, wr edges from the writer of the last element read, rw edges from
 * a reader to the writer of the element after what it read, and optionally process or realtime
 * order edges. Failed transactions never took effect, so they get no edges.
 */
public final class ListAppendGraph {
  private final List<ListAppendTxn> txns;
  private final AppendWriters writers;
  private final ListVersionOrders orders;
  private final DependencyGraph graph;

  private ListAppendGraph(List<ListAppendTxn> txns, AppendWriters writers,
      ListVersionOrders orders) {
    this.txns = txns;
    this.writers = writers;
    this.orders = orders;
    this.graph = new DependencyGraph(txns.size());
  }

  /**
   * Builds the graph; node i is {@code txns.get(i)}.
   *
   * @param orderEdges {@link Dependency#PROCESS}, {@link Dependency#REALTIME} or null for none
   */
  public static DependencyGraph build(List<ListAppendTxn> txns, AppendWriters writers,
      ListVersionOrders orders, Dependency orderEdges) {
    ListAppendGraph builder = new ListAppendGraph(txns, writers, orders);
    builder.addWriteWrite();
    for (ListAppendTxn txn : txns) {
      if (txn.operation().isOk()) {
        builder.addReadEdges(txn);
      }
    }
    if (orderEdges == Dependency.PROCESS) {
      builder.addProcessOrder();
    } else if (orderEdges == Dependency.REALTIME) {
      builder.addRealtimeOrder();
    }
    return builder.graph;
  }

  private Writer effective(JsonNode key, JsonNode element) {
    Writer writer = writers.writer(key, element);
    return writer == null || writer.txn().operation().isFail() ? null : writer;
  }

  private void addWriteWrite() {
    for (JsonNode key : orders.keys()) {
      List<JsonNode> order = orders.order(key);
      for (int i = 0; i + 1 < order.size(); i++) {
        Writer first = effective(key, order.get(i));
        Writer second = effective(key, order.get(i + 1));
        if (first != null && second != null) {
          graph.add(first.txn().node(), second.txn().node(), Dependency.WW, "key " + key
              + ": " + order.get(i) + " then " + order.get(i + 1) + " appended");
        }
      }
    }
  }

  /** Adds wr and rw edges for each external read: the first read of a key before any own append. */
  private void addReadEdges(ListAppendTxn reader) {
    Set<JsonNode> touched = new HashSet<>();
    for (MicroOp op : reader.microOps()) {
      if (!touched.add(op.key()) || op.isAppend()) {
        continue;
      }
      JsonNode list = op.value();
      List<JsonNode> order = orders.order(op.key());
      if (list.size() > 0) {
        Writer last = effective(op.key(), list.get(list.size() - 1));
        if (last != null) {
          graph.add(last.txn().node(), reader.node(), Dependency.WR,
              "key " + op.key() + ": read " + JsonValues.brief(list));
        }
      }
      if (list.size() < order.size() && ListVersionOrders.isPrefix(list, order)) {
        Writer next = effective(op.key(), order.get(list.size()));
        if (next != null) {
          graph.add(reader.node(), next.txn().node(), Dependency.RW, "key " + op.key()
              + ": read " + JsonValues.brief(list) + " before " + order.get(list.size()) + " was appended");
        }
      }
    }
  }

  private void addProcessOrder() {
    Map<Long, ListAppendTxn> lastByProcess = new LinkedHashMap<>();
    for (ListAppendTxn txn : txns) {
      if (txn.operation().isFail()) {
        continue;
      }
      ListAppendTxn previous = lastByProcess.put(txn.operation().process(), txn);
      if (previous != null) {
        graph.add(previous.node(), txn.node(), Dependency.PROCESS,
            "process " + txn.operation().process());
      }
    }
  }

  /**
   * Adds enough realtime edges that their transitive closure is the realtime order: each
   * transaction gets an edge from every ok transaction on the frontier when it is invoked, and
   * a completed transaction replaces on the frontier those it already follows.
   */
  private void addRealtimeOrder() {
    List<int[]> events = new ArrayList<>();
    for (ListAppendTxn txn : txns) {
      if (!txn.operation().isFail()) {
        events.add(new int[] {txn.operation().invokeIndex(), txn.node()});
      }
      if (txn.operation().isOk()) {
        events.add(new int[] {txn.operation().completion().index(), txn.node()});
      }
    }
    events.sort((a, b) -> Integer.compare(a[0], b[0]));
    Set<Integer> frontier = new LinkedHashSet<>();
    Map<Integer, List<Integer>> frontierAtInvoke = new LinkedHashMap<>();
    for (int[] event : events) {
      ListAppendTxn txn = txns.get(event[1]);
      if (event[0] == txn.operation().invokeIndex()) {
        for (int earlier : frontier) {
          graph.add(earlier, txn.node(), Dependency.REALTIME, "completed before invoked");
        }
        frontierAtInvoke.put(txn.node(), List.copyOf(frontier));
      } else {
        frontierAtInvoke.remove(txn.node()).forEach(frontier::remove);
        frontier.add(txn.node());
      }
    }
  }
}
