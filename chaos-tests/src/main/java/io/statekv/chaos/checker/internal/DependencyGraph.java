package io.statekv.chaos.checker.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A directed graph of transactions whose edges carry one or more dependency types, each with a
 * short reason for messages. Nodes are 0..size-1. Not thread-safe while being built.
 */
public final class DependencyGraph {

  /** Why one transaction must come before another. */
  public enum Dependency {
    /** Write-write: the source appended the element just before one the target appended. */
    WW("ww"),
    /** Write-read: the target read a list whose last element the source appended. */
    WR("wr"),
    /** Read-write: the source read a list the target later extended (an anti-dependency). */
    RW("rw"),
    /** The same process ran the source and then the target. */
    PROCESS("process"),
    /** The source completed before the target was invoked. */
    REALTIME("realtime");

    private final String label;

    Dependency(String label) {
      this.label = label;
    }

    /** The bit of this dependency in a type mask. */
    public int bit() {
      return 1 << ordinal();
    }

    public String label() {
      return label;
    }
  }

  /** An edge, with the dependencies it carries and the first reason given for each. */
  public static final class Edge {
    public final int from;
    public final int to;
    private int types;
    private final String[] reasons = new String[Dependency.values().length];

    Edge(int from, int to) {
      this.from = from;
      this.to = to;
    }

    /** True if the edge carries any dependency in {@code mask}. */
    public boolean hasAny(int mask) {
      return (types & mask) != 0;
    }

    public boolean has(Dependency dependency) {
      return hasAny(dependency.bit());
    }

    /** The reason recorded for {@code dependency}, or null if the edge does not carry it. */
    public String reason(Dependency dependency) {
      return reasons[dependency.ordinal()];
    }
  }

  private final List<List<Edge>> out;
  private final Map<Long, Edge> edges = new HashMap<>();

  public DependencyGraph(int size) {
    out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(new ArrayList<>());
    }
  }

  /** Adds a dependency from one node to another; self-dependencies are ignored. */
  public void add(int from, int to, Dependency dependency, String reason) {
    if (from == to) {
      return;
    }
    Edge edge = edges.computeIfAbsent(((long) from << 32) | to, k -> {
      Edge created = new Edge(from, to);
      out.get(from).add(created);
      return created;
    });
    if (!edge.has(dependency)) {
      edge.types |= dependency.bit();
      edge.reasons[dependency.ordinal()] = reason;
    }
  }

  public int size() {
    return out.size();
  }

  /** The edges leaving a node, in the order they were first added. */
  public List<Edge> out(int node) {
    return out.get(node);
  }

  /** The number of edges. */
  public int edgeCount() {
    return edges.size();
  }
}
