package io.statekv.chaos.checker.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Tarjan's strongly connected components, iterative so that long dependency chains cannot
 * overflow the call stack. Only components with more than one node are kept: those are where
 * cycles live (the graph has no self-edges).
 */
public final class StronglyConnected {
  private final DependencyGraph graph;
  private final int mask;
  private final int[] index;
  private final int[] lowLink;
  private final boolean[] onStack;
  private final Deque<Integer> stack = new ArrayDeque<>();
  private final int[] componentOf;
  private final List<List<Integer>> components = new ArrayList<>();
  private int nextIndex;

  private StronglyConnected(DependencyGraph graph, int mask) {
    this.graph = graph;
    this.mask = mask;
    int size = graph.size();
    index = new int[size];
    Arrays.fill(index, -1);
    lowLink = new int[size];
    onStack = new boolean[size];
    componentOf = new int[size];
    Arrays.fill(componentOf, -1);
  }

  /** Finds the components of {@code graph}. */
  public static StronglyConnected of(DependencyGraph graph) {
    return of(graph, -1);
  }

  /** Finds the components of the subgraph of edges carrying a dependency in {@code mask}. */
  public static StronglyConnected of(DependencyGraph graph, int mask) {
    StronglyConnected scc = new StronglyConnected(graph, mask);
    for (int node = 0; node < graph.size(); node++) {
      if (scc.index[node] < 0) {
        scc.visit(node);
      }
    }
    return scc;
  }

  /** The components with more than one node, each a list of nodes. */
  public List<List<Integer>> components() {
    return components;
  }

  /** The component of a node, or -1 if its component has only that node. */
  public int componentOf(int node) {
    return componentOf[node];
  }

  private void visit(int root) {
    Deque<int[]> frames = new ArrayDeque<>();
    open(root);
    frames.push(new int[] {root, 0});
    while (!frames.isEmpty()) {
      int[] frame = frames.peek();
      int node = frame[0];
      List<DependencyGraph.Edge> edges = graph.out(node);
      if (frame[1] < edges.size()) {
        DependencyGraph.Edge edge = edges.get(frame[1]++);
        if (!edge.hasAny(mask)) {
          continue;
        }
        int next = edge.to;
        if (index[next] < 0) {
          open(next);
          frames.push(new int[] {next, 0});
        } else if (onStack[next]) {
          lowLink[node] = Math.min(lowLink[node], index[next]);
        }
        continue;
      }
      frames.pop();
      if (!frames.isEmpty()) {
        int parent = frames.peek()[0];
        lowLink[parent] = Math.min(lowLink[parent], lowLink[node]);
      }
      if (lowLink[node] == index[node]) {
        close(node);
      }
    }
  }

  private void open(int node) {
    index[node] = nextIndex;
    lowLink[node] = nextIndex;
    nextIndex++;
    stack.push(node);
    onStack[node] = true;
  }

  private void close(int root) {
    List<Integer> component = new ArrayList<>();
    int node;
    do {
      node = stack.pop();
      onStack[node] = false;
      component.add(node);
    } while (node != root);
    if (component.size() > 1) {
      component.forEach(member -> componentOf[member] = components.size());
      components.add(component);
    }
  }
}
