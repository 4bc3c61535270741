package io.statekv.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.node.HttpJson.Answer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /readyz follows leadership: a node cut off from the majority is not ready, and is again once a leader returns. */
class ReadinessTest {
  private static final Duration ELECTION_WAIT = Duration.ofSeconds(60);

  @Test
  void readyzFlipsWithLeadership(@TempDir Path dir) throws InterruptedException {
    try (LocalCluster cluster = LocalCluster.start(3, dir)) {
      int leader = cluster.awaitLeader(ELECTION_WAIT);
      int survivor = (leader + 1) % 3;
      int other = (leader + 2) % 3;
      String base = cluster.httpBase(survivor);
      LocalCluster.await(ELECTION_WAIT, "the survivor to be ready", () -> HttpJson.get(base, "/readyz").status() == 200);

      cluster.stopNode(leader);
      cluster.stopNode(other);
      LocalCluster.await(ELECTION_WAIT, "the survivor to report no leader",
          () -> HttpJson.get(base, "/readyz").status() == 503);
      Answer notReady = HttpJson.get(base, "/readyz");
      assertThat(notReady.json().get("ready").asBoolean()).isFalse();
      assertThat(notReady.json().get("reason").asText()).isEqualTo("no leader is known");
      assertThat(HttpJson.get(base, "/healthz").status()).isEqualTo(200);
      Answer write = HttpJson.post(base, "/v1/state/set", "{\"scope\":\"s\",\"key\":\"k\",\"value\":1}");
      assertThat(write.status()).isIn(503, 504);

      cluster.startNode(other);
      LocalCluster.await(ELECTION_WAIT, "a leader again", () -> HttpJson.get(base, "/readyz").status() == 200);
      // Ready means a leader is known; a write may still meet the end of a leader change, answered
      // 503 (retryable, not applied), so it is retried until it lands.
      LocalCluster.await(ELECTION_WAIT, "a write to succeed",
          () -> HttpJson.post(base, "/v1/state/set", "{\"scope\":\"s\",\"key\":\"k\",\"value\":2}").status() == 200);
      assertThat(HttpJson.post(base, "/v1/state/get", "{\"scope\":\"s\",\"key\":\"k\"}").body()).isEqualTo("2");
    }
  }
}
