package io.statekv.node.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statekv.protocol.v1.Member;
import io.statekv.protocol.v1.SettingsRequest;
import io.statekv.storage.ClusterSettings;
import org.junit.jupiter.api.Test;

class AdminChecksTest {

  @Test
  void memberAddresses() {
    AdminChecks.memberAdd(Member.newBuilder().setId("n4").setRaftAddress("10.0.0.4:7000").setClientAddress("node4:7001").build());
    AdminChecks.memberAdd(Member.newBuilder().setId("n-5.a_b").setRaftAddress("[::1]:7000").setClientAddress("h:1")
        .setHttpAddress("h:65535").build());
    assertThatThrownBy(() -> AdminChecks.memberAdd(Member.newBuilder().setId("n4").setRaftAddress("10.0.0.4").setClientAddress("h:1").build()))
        .hasMessageContaining("raft_address must be host:port");
    assertThatThrownBy(() -> AdminChecks.memberAdd(Member.newBuilder().setId("n4").setRaftAddress("h:1").setClientAddress("h:70000").build()))
        .hasMessageContaining("client_address");
    assertThatThrownBy(() -> AdminChecks.memberAdd(Member.newBuilder().setId("n 4").setRaftAddress("h:1").setClientAddress("h:2").build()))
        .hasMessageContaining("node id");
    assertThatThrownBy(() -> AdminChecks.nodeId("")).hasMessageContaining("node id");
  }

  @Test
  void settingsMergeOverTheCurrentOnes() {
    assertThat(AdminChecks.settings(SettingsRequest.getDefaultInstance(), ClusterSettings.DEFAULTS)).isNull();
    ClusterSettings changed = AdminChecks.settings(SettingsRequest.newBuilder().setValueBytesMax(2 << 20).build(), ClusterSettings.DEFAULTS);
    assertThat(changed).isEqualTo(new ClusterSettings(2 << 20, ClusterSettings.ENTRIES_MAX_DEFAULT,
        ClusterSettings.STATE_BYTES_MAX_DEFAULT, ClusterSettings.SESSIONS_MAX_DEFAULT, ClusterSettings.SESSION_TTL_MILLIS_DEFAULT));
    assertThatThrownBy(() -> AdminChecks.settings(SettingsRequest.newBuilder().setValueBytesMax(100).build(), ClusterSettings.DEFAULTS))
        .isInstanceOf(RejectedRequestException.class).hasMessageContaining("value_bytes_max");
    assertThatThrownBy(() -> AdminChecks.settings(SettingsRequest.newBuilder().setValueBytesMax(-1).build(), ClusterSettings.DEFAULTS))
        .isInstanceOf(RejectedRequestException.class).hasMessageContaining("4294967295");
    assertThatThrownBy(() -> AdminChecks.settings(SettingsRequest.newBuilder().setEntriesMax(-1L).build(), ClusterSettings.DEFAULTS))
        .isInstanceOf(RejectedRequestException.class).hasMessageContaining("entries_max");
  }
}
