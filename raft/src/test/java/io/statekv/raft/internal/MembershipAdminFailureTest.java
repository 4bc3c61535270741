package io.statekv.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.protocol.v1.ErrorCode;
import io.statekv.raft.ReplicaException;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.junit.jupiter.api.Test;

/** How an admin call's failed reply is answered, when leadership moved while it ran. */
class MembershipAdminFailureTest {
  private static final ReplicaException MOVED =
      new ReplicaException(ErrorCode.NOT_LEADER, "this node is not the leader", "n2", "10.0.0.2:7001");

  private static NotLeaderException steppedDown() {
    RaftGroupMemberId self = RaftGroupMemberId.valueOf(RaftPeerId.valueOf("n1"), RaftGroupId.randomId());
    return new NotLeaderException(self, RaftPeer.newBuilder().setId("n2").build(), java.util.List.of());
  }

  @Test
  void aConfigurationChangeCutShortByAStepDownHasAnUnknownOutcome() {
    ReplicaException e = MembershipAdmin.adminFailure(steppedDown(), MOVED, true);
    assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
    assertThat(e.outcomeUnknown()).isTrue();
    assertThat(e.leaderId()).as("the new leader, to ask what happened").isEqualTo("n2");
    assertThat(e.leaderAddress()).isEqualTo("10.0.0.2:7001");
  }

  @Test
  void aConfigurationChangeCutShortWithNoLeaderKnownIsStillUnknown() {
    ReplicaException e = MembershipAdmin.adminFailure(steppedDown(), null, true);
    assertThat(e.outcomeUnknown()).isTrue();
    assertThat(e.leaderId()).isEmpty();
  }

  @Test
  void anUnloggedCallAnswersTheRefusalNamingTheNewLeader() {
    assertThat(MembershipAdmin.adminFailure(steppedDown(), MOVED, false)).isSameAs(MOVED);
  }
}
