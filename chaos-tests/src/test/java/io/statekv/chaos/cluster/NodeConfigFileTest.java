package io.statekv.chaos.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeConfigFileTest {
  private final List<NodeAddress> members = List.of(NodeAddress.standard("n1", "10.123.4.11"),
      NodeAddress.standard("n2", "10.123.4.12"), NodeAddress.standard("n3", "10.123.4.13"));
  private final ClusterSpec spec = ClusterSpec.of(3, "statekv/node:abc", Path.of("work"));

  @Test
  void eachNodeListensEverywhereAndAdvertisesItsPinnedAddress() {
    String yaml = NodeConfigFile.render(members.get(1), members, spec);
    assertThat(yaml).contains("node_id: n2\n").contains("data_dir: /data/state\n")
        .contains("listen:\n  raft: 0.0.0.0:7201\n  client: 0.0.0.0:7001\n  http: 0.0.0.0:7101\n")
        .contains("advertise:\n  raft: 10.123.4.12:7201\n  client: 10.123.4.12:7001\n"
            + "  http: 10.123.4.12:7101\n")
        .contains("  - {id: n1, raft: 10.123.4.11:7201, client: 10.123.4.11:7001,"
            + " http: 10.123.4.11:7101}\n")
        .contains("  - {id: n3, raft: 10.123.4.13:7201,")
        .contains("raft:\n  election_timeout_min_ms: 1000\n  election_timeout_max_ms: 2000\n"
            + "  snapshot_threshold_entries: 100\n");
  }

  @Test
  void specsOutsideTheSupportedShapesAreRefused() {
    assertThatThrownBy(() -> ClusterSpec.of(4, "img", Path.of("w")))
        .hasMessageContaining("3 or 5");
    assertThatThrownBy(() -> new ClusterSpec(3, "img", Path.of("w"), ClusterSpec
        .READY_TIMEOUT_DEFAULT, 50, 1000, 2000, ClusterSpec.NODE_COMMAND))
        .hasMessageContaining("at least 100");
    assertThatThrownBy(() -> new ClusterSpec(3, "img", Path.of("w"), ClusterSpec
        .READY_TIMEOUT_DEFAULT, 500, 2000, 2000, ClusterSpec.NODE_COMMAND))
        .hasMessageContaining("0 < min < max");
  }
}
