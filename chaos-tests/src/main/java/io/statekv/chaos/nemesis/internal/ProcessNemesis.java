package io.statekv.chaos.nemesis.internal;

import io.statekv.chaos.cluster.ClusterNode;
import io.statekv.chaos.nemesis.Fault;
import io.statekv.chaos.nemesis.Nemesis;
import io.statekv.chaos.nemesis.NemesisContext;
import java.io.IOException;
import java.util.List;

/**
 * Kills (SIGKILL) or pauses (cgroup freezer) a random minority of nodes, or the leader. A killed
 * node is started again when the fault heals, from its data dir as the kill left it.
 */
public final class ProcessNemesis implements Nemesis {
  private final String name;
  private final boolean kill;
  private final boolean leader;

  private ProcessNemesis(String name, boolean kill, boolean leader) {
    this.name = name;
    this.kill = kill;
    this.leader = leader;
  }

  /** kill -9 of 1 to (n-1)/2 random nodes; heal: start them. */
  public static Nemesis kill() {
    return new ProcessNemesis("kill", true, false);
  }

  /** kill -9 of the leader. */
  public static Nemesis killLeader() {
    return new ProcessNemesis("kill-leader", true, true);
  }

  /** Pause of 1 to (n-1)/2 random nodes; heal: unpause. */
  public static Nemesis pause() {
    return new ProcessNemesis("pause", false, false);
  }

  /** Pause of the leader. */
  public static Nemesis pauseLeader() {
    return new ProcessNemesis("pause-leader", false, true);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Fault inject(NemesisContext context) throws IOException {
    List<ClusterNode> targets = targets(context);
    for (ClusterNode node : targets) {
      if (kill) {
        node.kill();
      } else {
        node.pause();
      }
    }
    List<String> ids = targets.stream().map(ClusterNode::id).sorted().toList();
    String verb = kill ? "kill -9 " : "pause ";
    return new Fault(name, ids, verb + String.join(" ", ids), () -> heal(context, targets));
  }

  private List<ClusterNode> targets(NemesisContext context) {
    if (leader) {
      return List.of(context.leader().orElseGet(context::anyNode));
    }
    int count = 1 + context.random().nextInt(context.minoritySize());
    return context.shuffledNodes().subList(0, count);
  }

  private void heal(NemesisContext context, List<ClusterNode> targets) {
    for (ClusterNode node : targets) {
      if (kill) {
        node.start();
      } else {
        node.unpause();
      }
    }
  }
}
