package io.statekv.chaos.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.statekv.chaos.cluster.ClusterStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConvergenceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ClusterStatus status(String node, String leader, long applied, String hash,
      String... members) throws Exception {
    StringBuilder body = new StringBuilder("{\"node_id\":\"" + node + "\",\"leader_id\":"
        + (leader == null ? "null" : "\"" + leader + "\"") + ",\"term\":3,\"commit_index\":"
        + applied + ",\"applied_index\":" + applied + ",\"members\":[");
    for (int i = 0; i < members.length; i++) {
      body.append(i == 0 ? "" : ",").append("{\"id\":\"").append(members[i]).append("\"}");
    }
    body.append("]").append(hash == null ? ""
        : ",\"state_hash\":\"" + hash + "\",\"state_hash_applied_index\":" + applied).append('}');
    return ClusterStatus.parse(JSON.readTree(body.toString()));
  }

  private static Map<String, ClusterStatus> of(ClusterStatus... statuses) {
    Map<String, ClusterStatus> map = new LinkedHashMap<>();
    for (ClusterStatus s : statuses) {
      map.put(s.nodeId(), s);
    }
    return map;
  }

  @Test
  void parsesTheClusterEndpoint() throws Exception {
    ClusterStatus s = status("n2", "n1", 42, "ab12", "n1", "n2", "n3");
    assertThat(s.leaderId()).isEqualTo("n1");
    assertThat(s.appliedIndex()).isEqualTo(42);
    assertThat(s.memberIds()).containsExactly("n1", "n2", "n3");
    assertThat(s.stateHash()).isEqualTo("ab12");
    assertThat(s.stateHashAppliedIndex()).isEqualTo(42);
    assertThat(status("n2", null, 1, null, "n1").leaderId()).isNull();
  }

  @Test
  void agreeingNodesConverge() throws Exception {
    assertThat(Convergence.disagreement(of(status("n1", "n1", 9, "aa", "n1", "n2"),
        status("n2", "n1", 9, "aa", "n2", "n1")))).isNull();
  }

  @Test
  void eachDifferenceIsNamed() throws Exception {
    assertThat(Convergence.disagreement(of(status("n1", "n1", 9, "aa", "n1", "n2"),
        status("n2", "n1", 8, "aa", "n1", "n2")))).contains("different applied indexes");
    assertThat(Convergence.disagreement(of(status("n1", "n1", 9, "aa", "n1", "n2"),
        status("n2", "n1", 9, null, "n1", "n2")))).isEqualTo("no state hash from [n2]");
    assertThat(Convergence.disagreement(of(status("n1", "n1", 9, null, "n1", "n2"),
        status("n2", "n2", 9, null, "n1", "n2")))).contains("different leaders");
    assertThat(Convergence.disagreement(of(status("n1", null, 9, null, "n1")))).contains("none");
    assertThat(Convergence.disagreement(of(status("n1", "n1", 9, null, "n1", "n2"),
        status("n2", "n1", 9, null, "n1")))).contains("member sets");
    assertThat(Convergence.disagreement(of(status("n1", "n1", 9, "aa", "n1"),
        status("n2", "n1", 9, "bb", "n1")))).contains("state hashes differ");
  }
}
