package io.statekv.node.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.client.ClusterStatus;
import io.statekv.client.Member;
import io.statekv.client.OutcomeUnknownException;
import io.statekv.client.StateKvClient;
import io.statekv.client.StateKvException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Removing the member that leads, through the client, on a real three-node cluster: the removal
 * answers, the two others go on serving the same client, and the removed node, still running,
 * sends requests on or turns them away, but never holds them unanswered.
 */
class LeaderRemovalTest {
  @TempDir
  Path root;

  @Test
  void removingTheLeaderAnswersAndTheOthersServeOn() throws Exception {
    try (LocalCluster cluster = LocalCluster.started(root, 3);
        StateKvClient client = StateKvClient.builder().endpoints(cluster.endpoints())
            .requestTimeout(Duration.ofSeconds(20)).build()) {
      client.set("s", "before", 1);
      String leader = cluster.awaitLeader();
      ClusterStatus after = client.admin().removeMember(leader);
      assertThat(after.members()).extracting(Member::id).doesNotContain(leader).hasSize(2);

      for (int i = 0; i < 20; i++) {
        client.set("s", "after-" + i, i);
      }
      assertThat(client.get("s", "after-19")).isPresent();
      assertThat(client.clusterStatus().members()).extracting(Member::id).doesNotContain(leader);

      try (StateKvClient direct = StateKvClient.builder().endpoints(cluster.endpoint(leader))
          .requestTimeout(Duration.ofSeconds(20)).build()) {
        try {
          direct.set("s", "via-removed", 1);
          assertThat(client.get("s", "via-removed")).isPresent();
        } catch (StateKvException e) {
          assertThat(e).isNotInstanceOf(OutcomeUnknownException.class);
        }
      }
    }
  }
}
