package io.statekv.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.protocol.v1.CommandResult;
import io.statekv.raft.ReplicaException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing the leader under load, then restarting every node from its data dir. */
class FailoverTest {
  private static final int WRITERS = 16;

  /** Writes distinct keys through whoever leads, recording each acknowledged key. */
  private static void writeUntil(TestCluster cluster, Set<String> acked, List<String> unknown, String prefix, int count)
      throws Exception {
    List<CompletableFuture<CommandResult>> inFlight = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String key = prefix + i;
      RatisReplica leader = cluster.awaitLeader();
      keys.add(key);
      inFlight.add(leader.submit(Commands.set("fo", key, "{\"i\":" + i + "}")));
      if (inFlight.size() == WRITERS || i == count - 1) {
        for (int j = 0; j < inFlight.size(); j++) {
          record(inFlight.get(j), keys.get(j), acked, unknown);
        }
        inFlight.clear();
        keys.clear();
      }
    }
  }

  private static void record(CompletableFuture<CommandResult> f, String key, Set<String> acked, List<String> unknown)
      throws InterruptedException, TimeoutException {
    try {
      CommandResult r = f.get(30, TimeUnit.SECONDS);
      assertThat(r.hasWrite()).as(r.toString()).isTrue();
      acked.add(key);
    } catch (ExecutionException e) {
      ReplicaException re = (ReplicaException) e.getCause();
      if (re.outcomeUnknown()) {
        unknown.add(key);
      }
    }
  }

  @Test
  void writesResumeOnANewLeaderAndAcknowledgedWritesSurviveAFullRestart(@TempDir Path dir) throws Exception {
    Set<String> acked = ConcurrentHashMap.newKeySet();
    List<String> unknown = new ArrayList<>();
    try (TestCluster cluster = new TestCluster(dir, 3, 100_000, Tuning.defaults()).startAll()) {
      writeUntil(cluster, acked, unknown, "before-", 200);
      String oldLeader = cluster.leaderId();
      RatisReplica leader = cluster.replica(oldLeader);
      List<CompletableFuture<CommandResult>> racing = new ArrayList<>();
      for (int i = 0; i < WRITERS; i++) {
        racing.add(leader.submit(Commands.set("fo", "racing-" + i, "1")));
      }
      cluster.stop(oldLeader);
      for (int i = 0; i < racing.size(); i++) {
        record(racing.get(i), "racing-" + i, acked, unknown);
      }
      writeUntil(cluster, acked, unknown, "after-", 200);
      assertThat(cluster.leaderId()).isNotEqualTo(oldLeader);
      assertThat(acked).contains("after-199");

      for (String id : new ArrayList<>(cluster.replicas.keySet())) {
        cluster.stop(id);
      }
      for (var m : cluster.members) {
        cluster.start(m, cluster.members);
      }
      cluster.awaitLeader();
      cluster.write(Commands.set("fo", "after-restart", "1"));
      cluster.awaitConverged();
      for (RatisReplica r : cluster.replicas.values()) {
        for (String key : acked) {
          assertThat(r.store().get("fo", key, r.readTime())).as(key + " on " + r.cluster().nodeId()).isNotNull();
        }
      }
    }
  }
}
