package io.statekv.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots on real disks: a wiped follower rebuilt through a snapshot install, and nodes whose
 * newest snapshot or log tail is damaged. Small segments and a small snapshot threshold make the
 * leader snapshot and purge its log after a few hundred writes.
 */
class SnapshotRecoveryTest {
  private static final long THRESHOLD = 40;
  private static final Tuning SMALL_LOG = Tuning.defaults().withSegmentBytesMax(8 * 1024);

  private static void writeMany(TestCluster cluster, String prefix, int count) throws Exception {
    for (int i = 0; i < count; i++) {
      cluster.write(Commands.set("snap", prefix + i, "{\"i\":" + i + ",\"pad\":\"" + "x".repeat(100) + "\"}"));
    }
  }

  private static List<Path> snapshots(Path groupDir) throws IOException {
    try (Stream<Path> files = Files.list(groupDir.resolve("sm"))) {
      return files.filter(p -> SnapshotFiles.SNAPSHOT_NAME.matcher(p.getFileName().toString()).matches())
          .sorted(Comparator.comparing((Path p) -> Long.parseLong(p.getFileName().toString().replaceAll(".*_", ""))).reversed())
          .toList();
    }
  }

  private static long logStart(Path groupDir) throws IOException {
    return LogSegments.firstIndex(groupDir.resolve("current"));
  }

  private static void flipMiddleByte(Path file) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      long at = f.length() / 2;
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x5a);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  void aFollowerWithAWipedDataDirRejoinsThroughASnapshotInstall(@TempDir Path dir) throws Exception {
    try (TestCluster cluster = new TestCluster(dir, 3, THRESHOLD, SMALL_LOG).startAll()) {
      writeMany(cluster, "a", 20);
      String leader = cluster.leaderId();
      String wiped = cluster.members.stream().map(m -> m.id()).filter(id -> !id.equals(leader)).findFirst().orElseThrow();
      cluster.stop(wiped);
      deleteTree(dir.resolve(wiped));
      writeMany(cluster, "b", 200);
      TestCluster.await("the leader purged its log past a snapshot",
          () -> uncheck(() -> logStart(RaftFiles.groupDir(cluster, leader)) > THRESHOLD));

      cluster.start(cluster.member(wiped), cluster.members);
      cluster.awaitConverged();
      RatisReplica rebuilt = cluster.replica(wiped);
      assertThat(cluster.recorders.get(wiped).resets).as("onReset after the install").isNotEmpty();
      assertThat(rebuilt.store().get("snap", "a3", rebuilt.readTime())).isNotNull();
      assertThat(rebuilt.store().get("snap", "b199", rebuilt.readTime())).isNotNull();
      // The rebuilt node keeps serving: it applies new writes like any other.
      writeMany(cluster, "c", 5);
      cluster.awaitConverged();
    }
  }

  @Test
  void aCorruptNewestSnapshotIsMovedAsideAndTheOlderOneIsReplayedFromTheLog(@TempDir Path dir) throws Exception {
    try (TestCluster cluster = new TestCluster(dir, 3, THRESHOLD, SMALL_LOG).startAll()) {
      writeMany(cluster, "a", 150);
      String leader = cluster.leaderId();
      String victim = cluster.members.stream().map(m -> m.id()).filter(id -> !id.equals(leader)).findFirst().orElseThrow();
      cluster.stop(victim);
      Path group = RaftFiles.groupDir(cluster, victim);
      List<Path> snaps = snapshots(group);
      assertThat(snaps).hasSizeGreaterThanOrEqualTo(2);
      flipMiddleByte(snaps.get(0));
      long older = Long.parseLong(snaps.get(1).getFileName().toString().replaceAll(".*_", ""));
      assertThat(logStart(group)).as("the log still continues the older snapshot").isLessThanOrEqualTo(older + 1);

      cluster.start(cluster.member(victim), cluster.members);
      cluster.awaitConverged();
      assertThat(cluster.recorders.get(victim).resets).containsExactly(older);
      assertThat(snapshots(group)).doesNotContain(snaps.get(0));
      try (Stream<Path> files = Files.list(group.resolve("sm"))) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .anyMatch(n -> n.startsWith(snaps.get(0).getFileName() + SnapshotFiles.CORRUPT_SUFFIX));
      }
      assertThat(Files.exists(dir.resolve(victim).resolve("quarantine"))).isFalse();
    }
  }

  @Test
  void withNoUsableSnapshotTheNodeSetsItsLogAsideAndRebuildsFromTheLeader(@TempDir Path dir) throws Exception {
    try (TestCluster cluster = new TestCluster(dir, 3, THRESHOLD, SMALL_LOG).startAll()) {
      writeMany(cluster, "a", 150);
      String leader = cluster.leaderId();
      String victim = cluster.members.stream().map(m -> m.id()).filter(id -> !id.equals(leader)).findFirst().orElseThrow();
      cluster.stop(victim);
      Path group = RaftFiles.groupDir(cluster, victim);
      for (Path snapshot : snapshots(group)) {
        flipMiddleByte(snapshot);
      }
      assertThat(logStart(group)).isGreaterThan(1);
      writeMany(cluster, "b", 100);

      cluster.start(cluster.member(victim), cluster.members);
      cluster.awaitConverged();
      assertThat(snapshots(group)).isNotEmpty();
      assertThat(cluster.recorders.get(victim).resets).as("rebuilt from the leader's snapshot").isNotEmpty();
      try (Stream<Path> aside = Files.walk(dir.resolve(victim).resolve("quarantine"))) {
        assertThat(aside.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("log_"));
      }
      RatisReplica r = cluster.replica(victim);
      assertThat(r.store().get("snap", "b99", r.readTime())).isNotNull();
    }
  }

  @Test
  void aTornLogTailIsCutAndTheNodeCatchesUpFromItsPeers(@TempDir Path dir) throws Exception {
    try (TestCluster cluster = new TestCluster(dir, 3, 100_000, Tuning.defaults()).startAll()) {
      writeMany(cluster, "a", 60);
      String leader = cluster.leaderId();
      String victim = cluster.members.stream().map(m -> m.id()).filter(id -> !id.equals(leader)).findFirst().orElseThrow();
      cluster.stop(victim);
      Path segment = RaftFiles.newestSegment(RaftFiles.groupDir(cluster, victim).resolve("current"));
      long cut = tearTail(segment);
      assertThat(cut).isPositive();
      writeMany(cluster, "b", 10);

      cluster.start(cluster.member(victim), cluster.members);
      cluster.awaitConverged();
      RatisReplica r = cluster.replica(victim);
      assertThat(r.store().get("snap", "a59", r.readTime())).isNotNull();
      assertThat(r.store().get("snap", "b9", r.readTime())).isNotNull();
    }
  }

  /**
   * Regression: a node whose log lost its tail below its newest snapshot (found by the chaos
   * scenario damaged-disk-register, truncate-log on a stopped leader). Ratis opened the shorter log
   * under the snapshot, accepted the leader's entries after the snapshot index and then refused to
   * append them ("gap between start index"), forever; the node never caught up.
   */
  @Test
  void aLogTailLostBelowTheNewestSnapshotIsSetAsideAndTheNodeCatchesUp(@TempDir Path dir) throws Exception {
    try (TestCluster cluster = new TestCluster(dir, 3, THRESHOLD, Tuning.defaults()).startAll()) {
      writeMany(cluster, "a", 150);
      // The leader, stopped with no write after it: it snapshots at its last index on the way
      // down, and the next leader's first entry follows right after that index, so the victim
      // finds the predecessor of the entries it is sent in its snapshot, not in its log.
      String victim = cluster.leaderId();
      cluster.stop(victim);
      Path group = RaftFiles.groupDir(cluster, victim);
      Path current = group.resolve("current");
      long snapshotIndex = Long.parseLong(snapshots(group).get(0).getFileName().toString().replaceAll(".*_", ""));
      Path segment = RaftFiles.newestSegment(current);
      long lastBefore = LogSegments.lastIndex(current, RatisSettings.entryBytesMax());
      assertThat(lastBefore).isGreaterThanOrEqualTo(snapshotIndex);
      cutToHalf(segment);
      long lastAfter = LogSegments.lastIndex(current, RatisSettings.entryBytesMax());
      assertThat(lastAfter).as("the log now ends below the snapshot").isLessThan(snapshotIndex).isLessThan(lastBefore);
      writeMany(cluster, "b", 10);

      cluster.start(cluster.member(victim), cluster.members);
      writeMany(cluster, "c", 10);
      cluster.awaitConverged();
      RatisReplica r = cluster.replica(victim);
      assertThat(r.store().get("snap", "c9", r.readTime())).isNotNull();
      try (Stream<Path> files = Files.list(dir.resolve(victim).resolve("quarantine"))) {
        assertThat(files.map(p -> p.getFileName().toString())).singleElement().asString()
            .startsWith("log-behind-snapshot-");
      }
    }
  }

  /** Cuts a segment to half of its written bytes (its preallocated zeros left out). */
  private static void cutToHalf(Path segment) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
      long end = RaftFiles.writtenEnd(f);
      f.setLength(end / 2);
    }
  }

  /** Garbles the last bytes written to a segment, as a torn write would, and returns where they start. */
  private static long tearTail(Path segment) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
      long end = RaftFiles.writtenEnd(f);
      long start = Math.max(0, end - 6);
      f.seek(start);
      for (long i = start; i < end; i++) {
        f.write(0xff);
      }
      return start;
    }
  }

  private interface IoCondition {
    boolean get() throws IOException;
  }

  private static boolean uncheck(IoCondition c) {
    try {
      return c.get();
    } catch (IOException e) {
      return false;
    }
  }
}
