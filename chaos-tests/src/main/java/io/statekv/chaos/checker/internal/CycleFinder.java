package io.statekv.chaos.checker.internal;

import io.statekv.chaos.checker.internal.DependencyGraph.Dependency;
import io.statekv.chaos.checker.internal.DependencyGraph.Edge;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds concrete cycles of each Adya class inside the strongly connected components of a
 * dependency graph, so that each anomaly comes with a cycle to show:
 *
 * <ul>
 *   <li>G0: only ww edges;
 *   <li>G1c: ww and wr edges, at least one wr;
 *   <li>G-single: exactly one rw edge;
 *   <li>G2: two or more rw edges.
 * </ul>
 *
 * <p>A cycle that needs a process or realtime edge gets that suffix, such as {@code
 * G-single-realtime}; such a class is searched only where the plain class was not found. One
 * cycle per class per component is reported. A search starts only from edges inside a strongly
 * connected component of the subgraph it may use, so G0, G1c and G2 searches close a cycle on the
 * first try; G-single searches try a bounded number of starting edges.
 */
public final class CycleFinder {
  /** Most starting edges tried per class and component; each costs one breadth-first search. */
  public static final int SEARCH_STARTS_MAX = 1_000;

  private static final int WW = Dependency.WW.bit();
  private static final int WR = Dependency.WR.bit();
  private static final int RW = Dependency.RW.bit();

  /** One edge of a cycle and the dependency it stands for. */
  public record Step(Edge edge, Dependency dependency) {}

  /** A cycle and its class. */
  public record Cycle(String anomaly, List<Step> steps) {}

  private final DependencyGraph graph;
  private final StronglyConnected components;
  private final Dependency orderEdges;
  private final Map<Integer, StronglyConnected> restricted = new HashMap<>();
  private final int[] visitedIn;
  private final Edge[] reachedBy;
  private final int[] queue;
  private int search;

  private CycleFinder(DependencyGraph graph, StronglyConnected components,
      Dependency orderEdges) {
    this.graph = graph;
    this.components = components;
    this.orderEdges = orderEdges;
    this.visitedIn = new int[graph.size()];
    this.reachedBy = new Edge[graph.size()];
    this.queue = new int[graph.size()];
  }

  /**
   * Finds example cycles in every component.
   *
   * @param orderEdges the order dependency the graph may hold, or null
   */
  public static List<Cycle> find(DependencyGraph graph, StronglyConnected components,
      Dependency orderEdges) {
    CycleFinder finder = new CycleFinder(graph, components, orderEdges);
    List<Cycle> cycles = new ArrayList<>();
    for (int id = 0; id < components.components().size(); id++) {
      cycles.addAll(finder.inComponent(id));
    }
    return cycles;
  }

  private List<Cycle> inComponent(int component) {
    List<Cycle> found = new ArrayList<>();
    Set<String> classes = new HashSet<>();
    List<Integer> extras = orderEdges == null ? List.of(0) : List.of(0, orderEdges.bit());
    for (int extra : extras) {
      search(component, "G0", WW | extra, WW | extra, found, classes);
      search(component, "G1c", WR, WW | WR | extra, found, classes);
      search(component, "G-single", RW, WW | WR | extra, found, classes);
      search(component, "G2", RW, WW | WR | RW | extra, found, classes);
    }
    return found;
  }

  /**
   * Tries starting edges carrying {@code startMask} and closes each with a path whose edges
   * carry {@code pathMask}, keeping the first cycle whose class is {@code target}.
   */
  private void search(int component, String target, int startMask, int pathMask,
      List<Cycle> found, Set<String> classes) {
    if (classes.contains(target)) {
      return;
    }
    StronglyConnected within = restricted.computeIfAbsent(startMask | pathMask,
        mask -> StronglyConnected.of(graph, mask));
    int tries = 0;
    for (int node : components.components().get(component)) {
      int sub = within.componentOf(node);
      if (sub < 0) {
        continue;
      }
      for (Edge edge : graph.out(node)) {
        if (!edge.hasAny(startMask) || within.componentOf(edge.to) != sub) {
          continue;
        }
        if (++tries > SEARCH_STARTS_MAX) {
          return;
        }
        Cycle cycle = close(edge, startMask, pathMask, within, sub);
        if (cycle != null && baseClass(cycle.anomaly()).equals(target)) {
          classes.add(target);
          found.add(cycle);
          return;
        }
      }
    }
  }

  private Cycle close(Edge start, int startMask, int pathMask, StronglyConnected within,
      int sub) {
    List<Step> path = shortestPath(start.to, start.from, pathMask, within, sub);
    if (path == null) {
      return null;
    }
    List<Step> steps = new ArrayList<>();
    steps.add(new Step(start, preferred(start, startMask)));
    steps.addAll(path);
    return new Cycle(classify(steps), List.copyOf(steps));
  }

  /** A breadth-first shortest path inside one component of {@code within}, or null. */
  private List<Step> shortestPath(int from, int to, int mask, StronglyConnected within,
      int sub) {
    search++;
    visitedIn[from] = search;
    reachedBy[from] = null;
    int head = 0;
    int tail = 0;
    queue[tail++] = from;
    while (head < tail && visitedIn[to] != search) {
      int node = queue[head++];
      for (Edge edge : graph.out(node)) {
        if (edge.hasAny(mask) && visitedIn[edge.to] != search
            && within.componentOf(edge.to) == sub) {
          visitedIn[edge.to] = search;
          reachedBy[edge.to] = edge;
          queue[tail++] = edge.to;
        }
      }
    }
    if (visitedIn[to] != search) {
      return null;
    }
    List<Step> path = new ArrayList<>();
    for (Edge edge = reachedBy[to]; edge != null; edge = reachedBy[edge.from]) {
      path.add(new Step(edge, preferred(edge, mask)));
    }
    Collections.reverse(path);
    return path;
  }

  /** The dependency an edge stands for: data dependencies first, rw last, to keep rw rare. */
  private Dependency preferred(Edge edge, int mask) {
    List<Dependency> order = new ArrayList<>(List.of(Dependency.WW, Dependency.WR));
    if (orderEdges != null) {
      order.add(orderEdges);
    }
    order.add(Dependency.RW);
    for (Dependency dependency : order) {
      if ((mask & dependency.bit()) != 0 && edge.has(dependency)) {
        return dependency;
      }
    }
    throw new IllegalStateException("edge carries none of the allowed dependencies");
  }

  private String classify(List<Step> steps) {
    long rw = steps.stream().filter(s -> s.dependency() == Dependency.RW).count();
    boolean wr = steps.stream().anyMatch(s -> s.dependency() == Dependency.WR);
    boolean ordered = steps.stream().anyMatch(s -> s.dependency() == orderEdges);
    String base = rw >= 2 ? "G2" : rw == 1 ? "G-single" : wr ? "G1c" : "G0";
    return ordered ? base + "-" + orderEdges.label() : base;
  }

  private static String baseClass(String anomaly) {
    int dash = anomaly.lastIndexOf('-');
    return anomaly.startsWith("G-single") ? "G-single" : dash < 0 ? anomaly
        : anomaly.substring(0, dash);
  }
}
