package io.statekv.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica whose log lost acknowledged entries must not vote or campaign until it caught up
 * ({@link RecoveryGate}). Regression, found by the chaos scenario damaged-disk-register: a follower
 * acknowledged entries, stopped, lost them (truncate-log), and won an election with the vote of a
 * member that had been down; the entries it had helped commit were overwritten, and the old
 * leader, which held them, could never follow again.
 */
class DamagedLogElectionTest {
  private static final String SCOPE = "gate";

  private static void writeMany(TestCluster cluster, String prefix, int count) throws Exception {
    for (int i = 0; i < count; i++) {
      cluster.write(Commands.set(SCOPE, prefix + i, "{\"i\":" + i + "}"));
    }
  }

  @Test
  void aReplicaThatLostAcknowledgedEntriesCannotElectALeaderWithoutThem(@TempDir Path dir) throws Exception {
    try (TestCluster cluster = new TestCluster(dir, 3, 100_000, Tuning.defaults()).startAll()) {
      writeMany(cluster, "a", 10);
      String leader = cluster.leaderId();
      var followers = cluster.members.stream().map(m -> m.id()).filter(id -> !id.equals(leader)).toList();
      String damaged = followers.get(0);
      String lagging = followers.get(1);
      cluster.stop(lagging);
      writeMany(cluster, "b", 30);
      cluster.stop(damaged);
      Path current = RaftFiles.groupDir(cluster, damaged).resolve("current");
      long before = LogSegments.lastIndex(current, RatisSettings.entryBytesMax());
      long after = cutEntries(current, 5);
      assertThat(after).isLessThanOrEqualTo(before - 5);
      cluster.stop(leader);

      cluster.start(cluster.member(damaged), cluster.members);
      cluster.start(cluster.member(lagging), cluster.members);
      assertThat(cluster.replica(damaged).electionsWithheld()).isTrue();
      assertThat(cluster.replica(lagging).electionsWithheld()).isFalse();
      // The lagging member campaigns and is refused; without the gate the damaged one would win.
      TestCluster.await("two vote requests of " + lagging + " refused",
          () -> cluster.replica(damaged).votesRefused() >= 2 || anyLeader(cluster));
      assertThat(anyLeader(cluster)).as("a leader elected without the entries " + damaged + " lost").isFalse();

      cluster.start(cluster.member(leader), cluster.members);
      cluster.awaitConverged();
      for (String id : cluster.replicas.keySet()) {
        RatisReplica r = cluster.replica(id);
        assertThat(r.store().get(SCOPE, "b29", r.readTime())).as("the last acknowledged write on " + id).isNotNull();
      }
      TestCluster.await(damaged + " votes again", () -> !cluster.replica(damaged).electionsWithheld());
      assertThat(cluster.replica(leader).electionsWithheld()).as("a clean restart withholds nothing").isFalse();
    }
  }

  @Test
  void aCrashWithATornLastEntryWithholdsNothing(@TempDir Path dir) throws Exception {
    try (TestCluster cluster = new TestCluster(dir, 3, 100_000, Tuning.defaults()).startAll()) {
      writeMany(cluster, "a", 20);
      String leader = cluster.leaderId();
      String victim = cluster.members.stream().map(m -> m.id()).filter(id -> !id.equals(leader)).findFirst().orElseThrow();
      cluster.stop(victim);
      // As after a crash: no clean-stop record, and a final entry cut short.
      Files.delete(dir.resolve(victim).resolve(CleanShutdown.FILE));
      cutEntries(RaftFiles.groupDir(cluster, victim).resolve("current"), 1);
      writeMany(cluster, "b", 5);

      cluster.start(cluster.member(victim), cluster.members);
      assertThat(cluster.replica(victim).electionsWithheld()).isFalse();
      cluster.awaitConverged();
      RatisReplica r = cluster.replica(victim);
      assertThat(r.store().get(SCOPE, "b4", r.readTime())).isNotNull();
    }
  }

  private static boolean anyLeader(TestCluster cluster) {
    return cluster.replicas.values().stream().anyMatch(r -> r.cluster().leaderReady());
  }

  /** Cuts bytes off the newest segment until the log ends at least {@code entries} entries earlier. */
  private static long cutEntries(Path current, int entries) throws IOException {
    long last = LogSegments.lastIndex(current, RatisSettings.entryBytesMax());
    try (RandomAccessFile f = new RandomAccessFile(RaftFiles.newestSegment(current).toFile(), "rw")) {
      long end = RaftFiles.writtenEnd(f);
      long now = last;
      while (now > last - entries && end > 0) {
        end = Math.max(0, end - 7);
        f.setLength(end);
        now = LogSegments.lastIndex(current, RatisSettings.entryBytesMax());
      }
      return now;
    }
  }
}
