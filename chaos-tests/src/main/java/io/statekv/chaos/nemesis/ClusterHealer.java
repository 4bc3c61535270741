package io.statekv.chaos.nemesis;

import io.statekv.chaos.cluster.Await;
import io.statekv.chaos.cluster.ClusterNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings a cluster back to full health after a run, whatever faults were left: removes every
 * network rule, unpauses and starts every node, adds back any node the group no longer counts as
 * a member ({@link Rejoin}), and waits for each to be ready. Runs on one thread.
 */
public final class ClusterHealer {
  private ClusterHealer() {}

  /**
   * Heals everything and returns what it had to do, in words.
   *
   * @throws IOException if a rule cannot be removed
   * @throws Await.AwaitTimeoutException if a node is not ready or not a member in time
   */
  public static List<String> healAll(NemesisContext context) throws IOException {
    List<String> actions = new ArrayList<>();
    if (!context.network().active().isEmpty()) {
      actions.add("removed " + context.network().active().size() + " drop rule(s)");
      context.network().healAll();
    }
    for (ClusterNode node : context.cluster().nodes()) {
      if (node.isPaused()) {
        node.unpause();
        actions.add("unpaused " + node.id());
      } else if (!node.isRunning()) {
        node.start();
        actions.add("started " + node.id());
      }
    }
    // A node that left the group never becomes ready on its own: bring it back in first, once the
    // group has a leader to ask, then wait for every node.
    Await.until("a leader", context.readyTimeout(), context::leader);
    for (ClusterNode node : context.cluster().nodes()) {
      if (!isMember(context, node)) {
        Rejoin.addBack(context, node);
        actions.add("added " + node.id() + " back to the group");
      }
    }
    context.cluster().awaitReady(context.readyTimeout());
    return actions;
  }

  /** Whether the leader's view names the node; with no leader known, assume it does. */
  private static boolean isMember(NemesisContext context, ClusterNode node) {
    return context.leaderStatus().map(s -> s.memberIds().contains(node.id())).orElse(true);
  }
}
