package io.statekv.chaos.nemesis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A network partition as a set of one-way drops: {@code Drop(from, to)} means node {@code to}
 * drops every packet from node {@code from}. The shapes are Jepsen's. Pure functions of node ids,
 * given in the (seeded, shuffled) order that decides who ends up where. Immutable.
 *
 * @param drops the one-way drops, without duplicates
 */
public record Grudge(Set<Drop> drops) {

  /** Node {@code to} drops packets from node {@code from}. */
  public record Drop(String from, String to) {}

  public Grudge {
    drops = Set.copyOf(drops);
  }

  /** The first {@code (n - 1) / 2} nodes against the rest: a minority and a majority. */
  public static Grudge halves(List<String> nodes) {
    int minority = (nodes.size() - 1) / 2;
    return between(nodes.subList(0, minority), nodes.subList(minority, nodes.size()));
  }

  /** One node cut off from every other node. */
  public static Grudge isolate(String node, List<String> nodes) {
    return between(List.of(node), nodes.stream().filter(n -> !n.equals(node)).toList());
  }

  /**
   * Every node sees a majority, but not the same one. On five nodes in ring order, each node keeps
   * its two ring neighbours. On three nodes the ring is the bridge: one link is cut, and its two
   * ends each see a different majority through the third node. One-way drops cannot do better
   * there, since a TCP connection needs packets both ways and a one-way ring would cut every link.
   */
  public static Grudge majoritiesRing(List<String> nodes) {
    int n = nodes.size();
    if (n == 3) {
      return bridge(nodes);
    }
    Set<Drop> drops = new LinkedHashSet<>();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        int distance = Math.min(Math.abs(i - j), n - Math.abs(i - j));
        if (distance > 1) {
          drops.add(new Drop(nodes.get(i), nodes.get(j)));
        }
      }
    }
    return new Grudge(drops);
  }

  /**
   * Two halves that cannot talk to each other, and the first node, which talks to both: the
   * bridge. The bridge's side holds a majority with either half.
   */
  public static Grudge bridge(List<String> nodes) {
    List<String> rest = nodes.subList(1, nodes.size());
    int half = rest.size() / 2;
    return between(rest.subList(0, half), rest.subList(half, rest.size()));
  }

  /** Cuts both directions between every node of {@code a} and every node of {@code b}. */
  public static Grudge between(List<String> a, List<String> b) {
    Set<Drop> drops = new LinkedHashSet<>();
    for (String x : a) {
      for (String y : b) {
        drops.add(new Drop(x, y));
        drops.add(new Drop(y, x));
      }
    }
    return new Grudge(drops);
  }

  /** The nodes that drop some packets, sorted. */
  public List<String> affectedNodes() {
    Set<String> nodes = new java.util.TreeSet<>();
    for (Drop drop : drops) {
      nodes.add(drop.from());
      nodes.add(drop.to());
    }
    return new ArrayList<>(nodes);
  }

  /** True if {@code to} hears {@code from}. */
  public boolean hears(String to, String from) {
    return !drops.contains(new Drop(from, to));
  }
}
