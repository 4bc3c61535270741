package io.statekv.chaos.checker;

import io.statekv.chaos.checker.internal.AppendWriters;
import io.statekv.chaos.checker.internal.CycleFinder;
import io.statekv.chaos.checker.internal.CycleFinder.Cycle;
import io.statekv.chaos.checker.internal.CycleFinder.Step;
import io.statekv.chaos.checker.internal.DependencyGraph;
import io.statekv.chaos.checker.internal.DependencyGraph.Dependency;
import io.statekv.chaos.checker.internal.ListAppendGraph;
import io.statekv.chaos.checker.internal.ListAppendReads;
import io.statekv.chaos.checker.internal.ListAppendTxn;
import io.statekv.chaos.checker.internal.ListVersionOrders;
import io.statekv.chaos.checker.internal.StronglyConnected;
import io.statekv.chaos.history.History;
import io.statekv.chaos.history.MalformedHistoryException;
import io.statekv.chaos.history.Op;
import io.statekv.chaos.history.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Elle-style checker for list-append transactions. Each {@code txn} op holds micro-ops
 * {@code ["append", k, v]} and {@code ["r", k, null]} (on ok: {@code ["r", k, [v...]]}); appended
 * elements are unique per key.
 *
 * <p>Reads of a key are prefixes of one another, so the longest read gives the order of appends
 * to that key. From it the checker builds a dependency graph (ww, wr and rw edges, plus process
 * or realtime order edges) and reports:
 *
 * <ul>
 *   <li>{@code duplicate-elements}: a read holding an element twice;
 *   <li>{@code incompatible-order}: a read that is not a prefix of the longest read of its key;
 *   <li>{@code unexpected-element}: a read of an element no transaction appended;
 *   <li>{@code internal}: a read that contradicts its own transaction's earlier micro-ops;
 *   <li>{@code G1a}: a read of an element appended by a failed transaction;
 *   <li>{@code G1b}: a read ending in an append its writer followed with another to that key;
 *   <li>{@code G0}, {@code G1c}, {@code G-single}, {@code G2}: dependency cycles (see {@link
 *       CycleFinder}), with a {@code -process} or {@code -realtime} suffix when the cycle needs an
 *       order edge.
 * </ul>
 *
 * <p>Any anomaly makes the history invalid. Without an ok transaction that reads, the verdict is
 * unknown. Stateless and thread-safe.
 */
public final class ListAppendChecker {
  /** The checker's name in results. */
  public static final String NAME = "list-append";

  /** Which order between transactions, beyond their data dependencies, the graph includes. */
  public enum OrderEdges {
    /** None: checks serializability. */
    NONE(null),
    /** Each process's order: checks strong session serializability. */
    PROCESS(Dependency.PROCESS),
    /** Real-time order: checks strict serializability, what statekv promises. */
    REALTIME(Dependency.REALTIME);

    private final Dependency dependency;

    OrderEdges(Dependency dependency) {
      this.dependency = dependency;
    }
  }

  private ListAppendChecker() {}

  /** Checks for strict serializability. */
  public static CheckResult check(History history) {
    return check(history, OrderEdges.REALTIME);
  }

  /**
   * Checks the history with the given order edges.
   *
   * @throws MalformedHistoryException if an op is not a well-formed txn, or an element is
   *     appended twice to one key
   */
  public static CheckResult check(History history, OrderEdges orderEdges) {
    List<ListAppendTxn> txns = new ArrayList<>();
    for (Operation op : history.operations()) {
      txns.add(ListAppendTxn.parse(txns.size(), op));
    }
    AppendWriters writers = AppendWriters.index(txns);
    List<Anomaly> anomalies = new ArrayList<>();
    ListVersionOrders orders = ListVersionOrders.infer(txns, anomalies);
    ListAppendReads.check(txns, writers, anomalies);
    DependencyGraph graph = ListAppendGraph.build(txns, writers, orders, orderEdges.dependency);
    StronglyConnected components = StronglyConnected.of(graph);
    for (Cycle cycle : CycleFinder.find(graph, components, orderEdges.dependency)) {
      anomalies.add(describe(cycle, txns));
    }
    Map<String, Long> stats = stats(txns, orders, graph, components);
    boolean anyRead = txns.stream().anyMatch(t -> t.operation().isOk()
        && t.microOps().stream().anyMatch(m -> !m.isAppend()));
    return CheckResult.of(NAME, anomalies, stats, anyRead, "no ok transaction read anything");
  }

  private static Anomaly describe(Cycle cycle, List<ListAppendTxn> txns) {
    StringBuilder message = new StringBuilder();
    List<Op> ops = new ArrayList<>();
    for (Step step : cycle.steps()) {
      ListAppendTxn from = txns.get(step.edge().from);
      ops.add(from.op());
      message.append(from.name()).append(" -").append(step.dependency().label()).append(" (")
          .append(step.edge().reason(step.dependency())).append(")-> ");
    }
    message.append(txns.get(cycle.steps().get(0).edge().from).name());
    return new Anomaly(cycle.anomaly(), message.toString(), ops);
  }

  private static Map<String, Long> stats(List<ListAppendTxn> txns, ListVersionOrders orders,
      DependencyGraph graph, StronglyConnected components) {
    Map<String, Long> stats = new LinkedHashMap<>();
    stats.put("ok-txns", txns.stream().filter(t -> t.operation().isOk()).count());
    stats.put("failed-txns", txns.stream().filter(t -> t.operation().isFail()).count());
    stats.put("indeterminate-txns",
        txns.stream().filter(t -> t.operation().isIndeterminate()).count());
    stats.put("keys-read", (long) orders.keys().size());
    stats.put("edges", (long) graph.edgeCount());
    stats.put("cyclic-components", (long) components.components().size());
    return stats;
  }
}
