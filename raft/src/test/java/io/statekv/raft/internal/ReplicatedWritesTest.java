package io.statekv.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.protocol.v1.ClientCommand;
import io.statekv.protocol.v1.CommandResult;
import io.statekv.protocol.v1.Consistency;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.raft.ReplicaException;
import io.statekv.storage.Entry;
import io.statekv.storage.Event;
import io.statekv.storage.EventType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * One shared three-node cluster: writes, reads at each consistency, batching, client sessions
 * across a leader change, expiry, and finally the determinism of the event streams.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicatedWritesTest {
  private static final long WAIT_MS = 20_000;
  private final TestClock clock = new TestClock();
  private TestCluster cluster;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    cluster = new TestCluster(dir, 3, 100_000, Tuning.defaults().withClock(clock)).startAll();
  }

  @AfterAll
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private RatisReplica follower() {
    String leader = cluster.leaderId();
    return cluster.replicas.entrySet().stream().filter(e -> !e.getKey().equals(leader)).findFirst().orElseThrow().getValue();
  }

  private static ReplicaException failure(CompletableFuture<?> f) throws Exception {
    try {
      f.get(WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(ReplicaException.class);
      return (ReplicaException) e.getCause();
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  @Order(1)
  void writesThroughTheLeaderReachEveryNodeWithEqualState() throws Exception {
    for (int i = 0; i < 20; i++) {
      CommandResult r = cluster.write(Commands.set("app", "k" + i, "{\"i\":" + i + "}"));
      assertThat(r.hasWrite()).as(r.toString()).isTrue();
      assertThat(r.getWrite().getEntry().getRevision()).isPositive();
    }
    cluster.awaitConverged();
    for (RatisReplica r : cluster.replicas.values()) {
      Entry e = r.store().get("app", "k7", r.readTime());
      assertThat(e.value().toString()).isEqualTo("{\"i\":7}");
    }
  }

  @Test
  @Order(2)
  void aFollowerRefusesWritesWithTheLeadersClientAddress() throws Exception {
    String leader = cluster.leaderId();
    ReplicaException e = failure(follower().submit(Commands.set("app", "x", "1")));
    assertThat(e.code()).isEqualTo(ErrorCode.NOT_LEADER);
    assertThat(e.leaderId()).isEqualTo(leader);
    assertThat(e.leaderAddress()).isEqualTo(cluster.member(leader).clientAddress());
  }

  @Test
  @Order(3)
  void conflictingCommandsNeverShareAnEntryAndBatchesFormUnderConcurrency() throws Exception {
    RatisReplica leader = cluster.awaitLeader();
    List<CompletableFuture<CommandResult>> futures = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      futures.add(leader.submit(Commands.increment("batch", "hot", "n", 1)));
      futures.add(leader.submit(Commands.set("batch", "cold" + i, "1")));
    }
    Set<Long> hotRevisions = new HashSet<>();
    Set<Long> allRevisions = new HashSet<>();
    for (int i = 0; i < futures.size(); i++) {
      CommandResult r = futures.get(i).get(WAIT_MS, TimeUnit.MILLISECONDS);
      long revision = r.getWrite().getEntry().getRevision();
      allRevisions.add(revision);
      if (i % 2 == 0) {
        assertThat(hotRevisions.add(revision)).as("two changes of one key share revision " + revision).isTrue();
      }
    }
    assertThat(hotRevisions).hasSize(300);
    assertThat(allRevisions.size()).as("600 commands shared entries").isLessThan(600);
    assertThat(leader.store().get("batch", "hot", leader.readTime()).value().toString()).isEqualTo("{\"n\":300}");
    double largest = cluster.registries.get(leader.cluster().nodeId()).get("statekv.raft.batch.commands").summary().max();
    assertThat(largest).isGreaterThan(1);
  }

  @Test
  @Order(4)
  void aFollowersSerializableReadWithMinRevisionSeesTheClientsOwnWrite() throws Exception {
    RatisReplica f = follower();
    CommandResult w = cluster.write(Commands.set("ryw", "mine", "\"v1\""));
    long revision = w.getWrite().getEntry().getRevision();
    long at = f.readBarrier(Consistency.SERIALIZABLE, revision).get(WAIT_MS, TimeUnit.MILLISECONDS);
    assertThat(at).isGreaterThanOrEqualTo(revision);
    assertThat(f.store().get("ryw", "mine", f.readTime()).value().toString()).isEqualTo("\"v1\"");
  }

  @Test
  @Order(5)
  void linearizableReadsOnAFollowerSeeEveryAcknowledgedWrite() throws Exception {
    RatisReplica f = follower();
    for (int i = 0; i < 10; i++) {
      cluster.write(Commands.set("lin", "k", Integer.toString(i)));
      long at = f.readBarrier(Consistency.LINEARIZABLE, 0).get(WAIT_MS, TimeUnit.MILLISECONDS);
      assertThat(f.store().get("lin", "k", f.readTime()).value().toString()).as("read at " + at).isEqualTo(Integer.toString(i));
    }
    RatisReplica leader = cluster.awaitLeader();
    cluster.write(Commands.set("lin", "k", "\"leader\""));
    leader.readBarrier(Consistency.LINEARIZABLE, 0).get(WAIT_MS, TimeUnit.MILLISECONDS);
    assertThat(leader.store().get("lin", "k", leader.readTime()).value().toString()).isEqualTo("\"leader\"");
  }

  @Test
  @Order(6)
  void leaseReadsAreServedByTheLeaderOnly() throws Exception {
    ReplicaException e = failure(follower().readBarrier(Consistency.LEASE, 0));
    assertThat(e.code()).isEqualTo(ErrorCode.NOT_LEADER);
    RatisReplica leader = cluster.awaitLeader();
    CommandResult w = cluster.write(Commands.set("lease", "k", "1"));
    long at = leader.readBarrier(Consistency.LEASE, 0).get(WAIT_MS, TimeUnit.MILLISECONDS);
    assertThat(at).isGreaterThanOrEqualTo(w.getWrite().getEntry().getRevision());
  }

  @Test
  @Order(7)
  void aRetriedCommandIsAppliedOnceAcrossALeaderChange() throws Exception {
    UUID client = UUID.randomUUID();
    ClientCommand inc = Commands.withSession(Commands.increment("once", "counter", "n", 1), client, 1);
    CommandResult first = cluster.write(inc);
    assertThat(first.getDuplicate()).isFalse();
    RatisReplica old = cluster.awaitLeader();
    String target = follower().cluster().nodeId();
    old.transferLeadership(target).get(WAIT_MS, TimeUnit.MILLISECONDS);
    TestCluster.await("leadership moved to " + target, () -> cluster.replica(target).cluster().leaderReady());
    CommandResult retried = cluster.write(inc);
    assertThat(retried.getDuplicate()).isTrue();
    assertThat(retried.getWrite().getEntry().getRevision()).isEqualTo(first.getWrite().getEntry().getRevision());
    cluster.write(Commands.withSession(Commands.increment("once", "counter", "n", 1), client, 2));
    cluster.awaitConverged();
    for (RatisReplica r : cluster.replicas.values()) {
      assertThat(r.store().get("once", "counter", r.readTime()).value().toString()).isEqualTo("{\"n\":2}");
    }
  }

  @Test
  @Order(8)
  void theLeaderExpiresEntriesAndEveryNodeFiresExpiredDeletions() throws Exception {
    cluster.write(Commands.setWithTtl("ttl", "short", "\"bye\"", 5));
    cluster.write(Commands.set("ttl", "long", "\"stay\""));
    cluster.awaitConverged();
    clock.advance(Duration.ofSeconds(6));
    TestCluster.await("the expired entry is deleted everywhere", () -> cluster.recorders.values().stream()
        .allMatch(rec -> rec.events.stream().anyMatch(ReplicatedWritesTest::expiredShort)));
    cluster.awaitConverged();
    for (RatisReplica r : cluster.replicas.values()) {
      assertThat(r.store().get("ttl", "short", Long.MAX_VALUE - 1)).isNull();
      assertThat(r.store().get("ttl", "long", r.readTime())).isNotNull();
    }
  }

  private static boolean expiredShort(Event e) {
    return e.type() == EventType.DELETED && e.key().equals("short") && e.reason() == Event.Reason.EXPIRED;
  }

  @Test
  @Order(9)
  void aRaftClientCannotPutAnUnreadableEntryIntoTheLog() throws Exception {
    java.util.List<org.apache.ratis.protocol.RaftPeer> peers = new ArrayList<>();
    cluster.members.forEach(m -> peers.add(
        org.apache.ratis.protocol.RaftPeer.newBuilder().setId(m.id()).setAddress(m.raftAddress()).build()));
    org.apache.ratis.conf.RaftProperties props = new org.apache.ratis.conf.RaftProperties();
    try (org.apache.ratis.client.RaftClient stranger = org.apache.ratis.client.RaftClient.newBuilder()
        .setRaftGroup(org.apache.ratis.protocol.RaftGroup.valueOf(RatisReplica.groupId(RatisReplica.GROUP_NAME), peers))
        .setProperties(props)
        .build()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> stranger.io().send(org.apache.ratis.protocol.Message.valueOf("not a log entry")))
          .isInstanceOf(org.apache.ratis.protocol.exceptions.StateMachineException.class)
          .hasMessageContaining("is not a LogEntry");
    }
    CommandResult after = cluster.write(Commands.set("app", "still-serving", "1"));
    assertThat(after.hasWrite()).isTrue();
    cluster.awaitConverged();
  }

  @Test
  @Order(10)
  void everyNodeProducedTheSameEventStream() throws Exception {
    cluster.write(Commands.delete("app", "k0"));
    cluster.awaitConverged();
    // A store advances before its listeners hear of the entry, and Raft may append more entries
    // meanwhile: compare what every listener heard up to the revision every store has applied.
    long applied = cluster.replicas.values().iterator().next().store().appliedRevision();
    TestCluster.await("every listener heard revision " + applied, () -> cluster.recorders.values().stream()
        .allMatch(r -> !r.revisions.isEmpty() && r.revisions.get(r.revisions.size() - 1) >= applied));
    List<List<Event>> streams = new ArrayList<>();
    List<List<Long>> revisions = new ArrayList<>();
    cluster.recorders.values().forEach(r -> {
      streams.add(r.events.stream().filter(e -> e.revision() <= applied).toList());
      revisions.add(r.revisions.stream().filter(x -> x <= applied).toList());
    });
    assertThat(streams.get(0)).isNotEmpty();
    assertThat(streams).allSatisfy(s -> assertThat(s).isEqualTo(streams.get(0)));
    assertThat(revisions).allSatisfy(s -> assertThat(s).isEqualTo(revisions.get(0)));
    assertThat(streams.get(0)).noneMatch(e -> e.scope().startsWith("_"));
  }
}
