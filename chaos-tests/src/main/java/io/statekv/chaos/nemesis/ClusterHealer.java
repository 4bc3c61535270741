package io.statekv.chaos.nemesis;

import io.statekv.chaos.cluster.Await;
import io.statekv.chaos.cluster.ClusterNode;
import io.statekv.chaos.cluster.ClusterStatus;
import io.statekv.chaos.cluster.NodeAddress;
import io.statekv.client.Member;
import io.statekv.client.StateKvException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Brings a cluster back to full health after a run, whatever faults were left: removes every
 * network rule, unpauses and starts every node, waits for each to be ready, and adds back any
 * node the group no longer counts as a member. Runs on one thread.
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
    context.cluster().awaitReady(context.readyTimeout());
    for (ClusterNode node : context.cluster().nodes()) {
      if (!isMember(context, node)) {
        addBack(context, node);
        actions.add("added " + node.id() + " back to the group");
      }
    }
    return actions;
  }

  private static boolean isMember(NemesisContext context, ClusterNode node) {
    Optional<ClusterStatus> status = context.leader().flatMap(context.cluster()::status);
    return status.map(s -> s.memberIds().contains(node.id())).orElse(true);
  }

  private static void addBack(NemesisContext context, ClusterNode node) {
    NodeAddress a = node.address();
    Await.until("the group to add " + node.id() + " back", context.readyTimeout(), () -> {
      try {
        context.admin().addMember(Member.of(a.id(), a.raftEndpoint(), a.clientEndpoint(),
            a.httpEndpoint()));
        return Optional.of(Boolean.TRUE);
      } catch (StateKvException e) {
        if (!e.retryable()) {
          throw e;
        }
        return Optional.empty();
      }
    });
  }
}
