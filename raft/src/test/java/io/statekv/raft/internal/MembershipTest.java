package io.statekv.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.raft.ClusterView;
import io.statekv.raft.Member;
import io.statekv.raft.ReplicaException;
import io.statekv.storage.ClusterSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bootstrapping groups of 1 and 5, adding and removing members, leadership transfer, settings. */
class MembershipTest {
  private static final long WAIT_MS = 60_000;

  @Test
  void aSingleMemberBootstrapsServesAndKeepsItsDataAcrossARestart(@TempDir Path dir) throws Exception {
    try (TestCluster cluster = new TestCluster(dir, 1, 100_000, Tuning.defaults()).startAll()) {
      cluster.write(Commands.set("one", "k", "\"v\""));
      RatisReplica only = cluster.replica("n1");
      assertThatThrownBy(() -> RatisReplica.create(cluster.config(cluster.member("n1"), cluster.members),
              new SimpleMeterRegistry(), Tuning.defaults()).start())
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("in use");
      assertThat(only.cluster().members()).containsExactly(cluster.member("n1"));
      cluster.stop("n1");
      cluster.start(cluster.member("n1"), cluster.members);
      cluster.awaitLeader();
      RatisReplica again = cluster.replica("n1");
      assertThat(again.store().get("one", "k", again.readTime()).value().toString()).isEqualTo("\"v\"");
    }
  }

  @Test
  void fiveMembersBootstrapAndAgree(@TempDir Path dir) throws Exception {
    try (TestCluster cluster = new TestCluster(dir, 5, 100_000, Tuning.defaults()).startAll()) {
      cluster.write(Commands.set("five", "k", "1"));
      cluster.awaitConverged();
      ClusterView view = cluster.awaitLeader().cluster();
      assertThat(view.members()).hasSize(5);
      assertThat(view.members()).containsExactlyElementsOf(cluster.members);
    }
  }

  @Test
  void membersAreAddedAndRemovedThroughTheLeader(@TempDir Path dir) throws Exception {
    try (TestCluster cluster = new TestCluster(dir, 3, 100_000, Tuning.defaults()).startAll()) {
      cluster.write(Commands.set("m", "before", "1"));
      Member n4 = TestCluster.newMember("n4");
      cluster.members.add(n4);
      RatisReplica joiner = cluster.start(n4, List.of());
      RatisReplica leader = cluster.awaitLeader();
      ClusterView view = leader.addMember(n4).get(WAIT_MS, TimeUnit.MILLISECONDS);
      assertThat(view.members()).contains(n4);
      cluster.write(Commands.set("m", "after", "1"));
      cluster.awaitConverged();
      assertThat(joiner.store().get("m", "before", joiner.readTime())).isNotNull();
      ReplicaException e = failure(joiner, leader.cluster().nodeId());
      assertThat(e.leaderAddress()).isEqualTo(cluster.member(leader.cluster().nodeId()).clientAddress());

      String removed = cluster.members.stream().map(Member::id)
          .filter(id -> !id.equals(leader.cluster().nodeId()) && !id.equals("n4")).findFirst().orElseThrow();
      ClusterView smaller = cluster.awaitLeader().removeMember(removed).get(WAIT_MS, TimeUnit.MILLISECONDS);
      assertThat(smaller.members()).extracting(Member::id).doesNotContain(removed).contains("n4");
      cluster.stop(removed);
      cluster.write(Commands.set("m", "without-" + removed, "1"));
      cluster.awaitConverged();
    }
  }

  @Test
  void aLeaderAskedToRemoveItselfHandsOffAndTheNextLeaderRemovesIt(@TempDir Path dir) throws Exception {
    try (TestCluster cluster = new TestCluster(dir, 3, 100_000, Tuning.defaults()).startAll()) {
      cluster.write(Commands.set("m", "before", "1"));
      RatisReplica leader = cluster.awaitLeader();
      String removed = leader.cluster().nodeId();
      ExecutionException handedOff = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
          () -> leader.removeMember(removed).get(WAIT_MS, TimeUnit.MILLISECONDS));
      ReplicaException redirect = (ReplicaException) handedOff.getCause();
      assertThat(redirect.code()).isIn(ErrorCode.NOT_LEADER, ErrorCode.UNAVAILABLE);
      assertThat(leader.cluster().members()).extracting(Member::id).contains(removed);

      RatisReplica next = cluster.awaitLeader();
      assertThat(next.cluster().nodeId()).isNotEqualTo(removed);
      ClusterView smaller = next.removeMember(removed).get(WAIT_MS, TimeUnit.MILLISECONDS);
      assertThat(smaller.members()).extracting(Member::id).doesNotContain(removed).hasSize(2);
      cluster.write(Commands.set("m", "without-" + removed, "1"));
      cluster.stop(removed);
      cluster.awaitConverged();
    }
  }

  @Test
  void leadershipGoesToACaughtUpVoterThatStillAnswers(@TempDir Path dir) throws Exception {
    try (TestCluster cluster = new TestCluster(dir, 5, 100_000, Tuning.defaults()).startAll()) {
      RatisReplica leader = cluster.awaitLeader();
      String before = leader.cluster().nodeId();
      // Stop the two voters a hand-off that went by configuration order would pick first.
      List<String> quiet = leader.voterIdsInConfOrder().stream().filter(id -> !id.equals(before)).limit(2).toList();
      quiet.forEach(cluster::stop);
      // A commit after the stop: the quorum's contact is now newer than the stopped voters' last.
      cluster.write(Commands.set("m", "after-stop", "1"));
      leader.transferLeadership("").get(WAIT_MS, TimeUnit.MILLISECONDS);
      TestCluster.await("another node leads", () -> !cluster.leaderId().equals(before));
      assertThat(quiet).doesNotContain(cluster.awaitLeader().cluster().nodeId());
      cluster.write(Commands.set("m", "after-transfer", "1"));
    }
  }

  private static ReplicaException failure(RatisReplica follower, String leaderId) throws Exception {
    try {
      follower.submit(Commands.set("m", "x", "1")).get(WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      ReplicaException re = (ReplicaException) e.getCause();
      assertThat(re.code()).isEqualTo(ErrorCode.NOT_LEADER);
      assertThat(re.leaderId()).isEqualTo(leaderId);
      return re;
    }
    throw new AssertionError("a follower accepted a write");
  }

  @Test
  void leadershipMovesOnRequestAndSettingsChangeThroughTheLog(@TempDir Path dir) throws Exception {
    try (TestCluster cluster = new TestCluster(dir, 3, 100_000, Tuning.defaults()).startAll()) {
      RatisReplica leader = cluster.awaitLeader();
      String before = leader.cluster().nodeId();
      leader.transferLeadership("").get(WAIT_MS, TimeUnit.MILLISECONDS);
      TestCluster.await("another node leads", () -> !cluster.leaderId().equals(before));

      ClusterSettings wanted = new ClusterSettings(4096, 500, 1 << 20, 100, 60_000);
      assertThat(cluster.awaitLeader().changeSettings(wanted).get(WAIT_MS, TimeUnit.MILLISECONDS)).isEqualTo(wanted);
      cluster.awaitConverged();
      for (RatisReplica r : cluster.replicas.values()) {
        assertThat(r.store().settings()).isEqualTo(wanted);
      }
      var tooBig = cluster.write(Commands.set("s", "big", "\"" + "x".repeat(5000) + "\""));
      assertThat(tooBig.getError().getCode()).isEqualTo(ErrorCode.VALUE_TOO_LARGE);
    }
  }
}
