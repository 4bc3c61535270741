package io.statekv.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.client.Member;
import io.statekv.client.StateKvClient;
import io.statekv.node.dev.DevClusterPlan;
import io.statekv.node.dev.DevClusterPlan.DevNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member removed from the group while its process keeps running: Raft closes its replica, and
 * the node stops by itself rather than answer health checks with nothing behind them. Started
 * again on the same data dir, it waits to be added, and catches up once it is.
 */
class RemovedMemberTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void aRemovedMemberLeftRunningStopsByItselfAndRejoinsAfterARestart(@TempDir Path dir) throws Exception {
    try (LocalCluster cluster = LocalCluster.start(3, dir);
        StateKvClient client = StateKvClient.builder()
            .endpoints(Arrays.asList(cluster.clientEndpoints().split(",")))
            .requestTimeout(Duration.ofSeconds(20)).build()) {
      client.set("s", "before", 1);
      int removed = (cluster.awaitLeader(WAIT) + 1) % cluster.size();
      DevNode plan = cluster.plan(removed);
      StateKvNode node = cluster.node(removed);
      client.admin().removeMember(plan.id());

      LocalCluster.await(WAIT, plan.id() + " to stop by itself", () -> node.stoppedBecause().isPresent());
      node.awaitClosed();
      assertThat(node.stoppedBecause().orElseThrow()).contains("removed from the Raft group");
      cluster.stopNode(removed);
      client.set("s", "while-out", 1);

      cluster.startNode(removed);
      client.admin().addMember(Member.of(plan.id(), DevClusterPlan.HOST + ":" + plan.raftPort(),
          plan.clientAddress(), plan.httpAddress()));
      client.set("s", "after", 1);
      StateKvNode back = cluster.node(removed);
      LocalCluster.await(WAIT, plan.id() + " to apply the write made after its return", () ->
          back.replica().store().get("s", "after", back.replica().readTime()) != null);
      assertThat(back.replica().store().get("s", "while-out", back.replica().readTime())).isNotNull();
      assertThat(back.stoppedBecause()).isEmpty();
      assertThat(client.clusterStatus().members()).extracting(Member::id).contains(plan.id());
    }
  }
}
