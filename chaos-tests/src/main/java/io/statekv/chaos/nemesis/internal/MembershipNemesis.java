package io.statekv.chaos.nemesis.internal;

import io.statekv.chaos.cluster.ClusterNode;
import io.statekv.chaos.cluster.internal.HostDirs;
import io.statekv.chaos.nemesis.Fault;
import io.statekv.chaos.nemesis.Nemesis;
import io.statekv.chaos.nemesis.NemesisContext;
import io.statekv.chaos.nemesis.Rejoin;
import io.statekv.client.StateKvException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Removes a random follower from the Raft group through the admin API, stops it and wipes its
 * data dir; when the fault heals, starts it with the empty dir and adds it back, so that it
 * catches up from the leader (by snapshot install once the log has been purged).
 */
public final class MembershipNemesis implements Nemesis {
  @Override
  public String name() {
    return "member";
  }

  @Override
  public Fault inject(NemesisContext context) throws IOException {
    Optional<ClusterNode> leader = context.leader();
    ClusterNode node = context.shuffledNodes().stream()
        .filter(n -> leader.isEmpty() || !n.id().equals(leader.get().id()))
        .findFirst().orElseThrow();
    try {
      context.admin().removeMember(node.id());
    } catch (StateKvException e) {
      return new Fault(name(), List.of(node.id()), "removal of " + node.id() + " refused: "
          + e.wireName() + ": " + e.getMessage(), () -> { });
    }
    node.stop();
    HostDirs.empty(node.stateDir());
    return new Fault(name(), List.of(node.id()), "remove " + node.id()
        + " from the group, stop it and wipe its data dir", () -> rejoin(context, node));
  }

  private static void rejoin(NemesisContext context, ClusterNode node) {
    node.start();
    Rejoin.addBack(context, node);
  }
}
