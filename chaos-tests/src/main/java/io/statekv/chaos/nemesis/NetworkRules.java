package io.statekv.chaos.nemesis;

import io.statekv.chaos.cluster.ClusterNode;
import io.statekv.chaos.cluster.internal.HostCommand;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Drops traffic between nodes with iptables rules in the receiving node's network namespace,
 * entered from the host with {@code nsenter -t <pid> -n}: the node's image needs no capability.
 * Only the filter table is touched, since Docker's embedded DNS lives in the nat table.
 *
 * <p>Every rule added is remembered, so that {@link #healAll()} removes exactly those. A rule in a
 * killed container's namespace dies with it; removing it then is a no-op. Thread-safe.
 */
public final class NetworkRules {
  /** One rule: {@code to} drops every packet from {@code fromIp}. */
  public record Drop(ClusterNode to, String fromIp) {}

  private final Set<Drop> active = new LinkedHashSet<>();

  /** Drops packets from {@code from} at {@code to}, one direction only. */
  public synchronized void drop(ClusterNode from, ClusterNode to) throws IOException {
    Drop rule = new Drop(to, from.address().ip());
    if (active.contains(rule)) {
      return;
    }
    iptables(to, "-I", rule.fromIp());
    active.add(rule);
  }

  /** Cuts both directions between two nodes. */
  public void cut(ClusterNode a, ClusterNode b) throws IOException {
    drop(a, b);
    drop(b, a);
  }

  /** Cuts every pair that has one node in {@code side} and the other in {@code otherSide}. */
  public void cut(List<ClusterNode> side, List<ClusterNode> otherSide) throws IOException {
    for (ClusterNode a : side) {
      for (ClusterNode b : otherSide) {
        cut(a, b);
      }
    }
  }

  /** Applies every drop of a grudge between the cluster's nodes. */
  public void apply(Grudge grudge, io.statekv.chaos.cluster.NodeCluster cluster)
      throws IOException {
    for (Grudge.Drop drop : grudge.drops()) {
      drop(cluster.node(drop.from()), cluster.node(drop.to()));
    }
  }

  /** The rules in force. */
  public synchronized List<Drop> active() {
    return List.copyOf(active);
  }

  /**
   * Removes every rule this object added. A rule whose node is not running is forgotten: its
   * namespace, and the rule with it, went away when the container stopped.
   *
   * @throws IOException if a rule on a running node cannot be removed (the others are tried)
   */
  public synchronized void healAll() throws IOException {
    List<String> failures = new ArrayList<>();
    for (Drop rule : List.copyOf(active)) {
      try {
        if (rule.to().isRunning()) {
          iptables(rule.to(), "-D", rule.fromIp());
        }
        active.remove(rule);
      } catch (IOException | RuntimeException e) {
        failures.add(rule + ": " + e.getMessage());
      }
    }
    if (!failures.isEmpty()) {
      throw new IOException("could not remove " + failures.size() + " rule(s): " + failures);
    }
  }

  private static void iptables(ClusterNode node, String action, String fromIp) throws IOException {
    HostCommand.run(List.of("nsenter", "-t", Long.toString(node.pid()), "-n",
        "iptables", "-w", action, "INPUT", "-s", fromIp, "-j", "DROP"));
  }
}
