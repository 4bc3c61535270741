package io.statekv.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statekv.node.config.ConfigLoader;
import io.statekv.node.config.NodeConfig;
import io.statekv.node.dev.DevClusterPlan;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node's own start and stop: the data dir lock, security refusal, and cleanup after a failed start. */
class StateKvNodeTest {

  @Test
  void aSecondNodeOnTheSameDataDirIsRefusedAndReleasesItsPorts(@TempDir Path dir) throws Exception {
    try (LocalCluster single = LocalCluster.start(1, dir)) {
      single.awaitLeader(Duration.ofSeconds(60));
      DevClusterPlan other = new DevClusterPlan(1, LocalCluster.freeBasePort(1), dir);
      String yaml = other.configYaml(other.members().get(0));
      NodeConfig second = ConfigLoader.parse("second", yaml, dir);
      assertThat(second.dataDir()).isEqualTo(single.node(0).config().dataDir());

      assertThatThrownBy(() -> StateKvNode.start(second))
          .hasMessageContaining("is in use by another statekv process");
      assertThat(portIsFree(second.listen().http().port())).as("the failed node's HTTP port is released").isTrue();
      assertThat(HttpJson.get(single.httpBase(0), "/readyz").status()).isEqualTo(200);
    }
  }

  @Test
  void securitySettingsAreRefusedUntilTheyAreEnforced(@TempDir Path dir) {
    DevClusterPlan plan = new DevClusterPlan(1, LocalCluster.freeBasePort(1), dir);
    String yaml = plan.configYaml(plan.members().get(0)) + "security: {tokens: [{name: ci, sha256: " + "a".repeat(64) + "}]}\n";
    NodeConfig config = ConfigLoader.parse("secure", yaml, dir);
    assertThatThrownBy(() -> StateKvNode.start(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("parsed but not enforced");
    assertThat(portIsFree(config.listen().http().port())).isTrue();
  }

  private static boolean portIsFree(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
