package io.statekv.node.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statekv.node.config.ConfigLoader;
import io.statekv.node.config.HostPort;
import io.statekv.node.config.MemberConfig;
import io.statekv.node.config.NodeConfig;
import io.statekv.node.dev.DevClusterPlan.DevNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DevClusterPlanTest {
  private final DevClusterPlan plan = new DevClusterPlan(3, 7000, Path.of("/tmp/sk/data"));

  @Test
  void portsAndPathsFollowTheNodeNumber() {
    DevNode n2 = plan.members().get(1);
    assertThat(n2).isEqualTo(new DevNode("n2", 7002, 7102, 7202, Path.of("/tmp/sk/data/n2"),
        Path.of("/tmp/sk/data/dev/n2.yaml"), Path.of("/tmp/sk/data/dev/n2.log")));
    assertThat(plan.clientEndpoints()).isEqualTo("127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003");
  }

  @Test
  void eachGeneratedConfigIsValidAndListsEveryMember() {
    for (DevNode n : plan.members()) {
      NodeConfig c = ConfigLoader.parse(n.configFile().toString(), plan.configYaml(n), Path.of("/elsewhere"));
      assertThat(c.nodeId()).isEqualTo(n.id());
      assertThat(c.dataDir()).isEqualTo(n.dataDir());
      assertThat(c.listen().http()).isEqualTo(new HostPort("127.0.0.1", n.httpPort()));
      assertThat(c.initialMembers()).extracting(MemberConfig::id).containsExactly("n1", "n2", "n3");
      assertThat(c.requestTimeout()).isEqualTo(NodeConfig.REQUEST_TIMEOUT_DEFAULT);
    }
  }

  @Test
  void boundsAreChecked() {
    assertThatThrownBy(() -> new DevClusterPlan(0, 7000, Path.of("d"))).hasMessageContaining("1 to 7 nodes");
    assertThatThrownBy(() -> new DevClusterPlan(3, 65_400, Path.of("d"))).hasMessageContaining("base port 65400");
    assertThatThrownBy(() -> new DevClusterPlan(3, 80, Path.of("d"))).hasMessageContaining("base port 80");
  }
}
