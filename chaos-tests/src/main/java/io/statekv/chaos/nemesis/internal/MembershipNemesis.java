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

/**
 * Removes a random member from the Raft group through the admin API (the leader too: it hands
 * leadership off first), stops it and wipes its data dir; when the fault heals, starts it with
 * the empty dir and adds it back, so that it catches up from the leader (by snapshot install once
 * the log has been purged). A removal that was refused leaves the node running with its data:
 * wiping a disk is only safe once the node is known to be out. A removal whose outcome is unknown
 * (leadership moved while the change was in the log) is settled by asking the next leader.
 */
public final class MembershipNemesis implements Nemesis {
  @Override
  public String name() {
    return "member";
  }

  @Override
  public Fault inject(NemesisContext context) throws IOException {
    ClusterNode node = context.shuffledNodes().get(0);
    try {
      context.admin().removeMember(node.id());
    } catch (StateKvException e) {
      if (!e.outcomeUnknown() || Rejoin.stillMember(context, node)) {
        String outcome = e.outcomeUnknown() ? "had an unknown outcome and it is still a member" : "was refused";
        return new Fault(name(), List.of(node.id()), "removal of " + node.id() + " " + outcome + " ("
            + e.wireName() + ": " + e.getMessage() + "); left running with its data", () -> { });
      }
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
