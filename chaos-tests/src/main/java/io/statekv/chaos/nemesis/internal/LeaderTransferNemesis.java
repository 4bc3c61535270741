package io.statekv.chaos.nemesis.internal;

import io.statekv.chaos.cluster.ClusterNode;
import io.statekv.chaos.nemesis.Fault;
import io.statekv.chaos.nemesis.Nemesis;
import io.statekv.chaos.nemesis.NemesisContext;
import io.statekv.client.StateKvException;
import java.util.List;
import java.util.Optional;

/**
 * Hands leadership to a random other member through the admin API. The fault is over once the
 * call returns; it heals with a no-op. A refused transfer (no leader, a node down) is recorded in
 * the description, not thrown: it is a legitimate answer under faults.
 */
public final class LeaderTransferNemesis implements Nemesis {
  @Override
  public String name() {
    return "transfer-leader";
  }

  @Override
  public Fault inject(NemesisContext context) {
    Optional<ClusterNode> leader = context.leader();
    List<ClusterNode> others = context.shuffledNodes().stream()
        .filter(n -> leader.isEmpty() || !n.id().equals(leader.get().id())).toList();
    ClusterNode target = others.get(0);
    String from = leader.map(ClusterNode::id).orElse("unknown");
    String outcome;
    try {
      String now = context.admin().transferLeader(target.id()).leaderId();
      outcome = "transferred leadership from " + from + " to " + target.id() + "; leader now "
          + now;
    } catch (StateKvException e) {
      outcome = "transfer of leadership from " + from + " to " + target.id() + " refused: "
          + e.wireName() + ": " + e.getMessage();
    }
    return new Fault(name(), List.of(target.id()), outcome, () -> { });
  }
}
