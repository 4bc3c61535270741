package io.statekv.raft.internal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshot files of one replica, in the state machine directory that Ratis manages.
 *
 * <p>Files are named as Ratis' own {@code SimpleStateMachineStorage} names them, {@code
 * snapshot.<term>_<index>}, each with an MD5 file beside it, because the leader ships the latest
 * snapshot with that digest and the follower's Ratis verifies it while installing. The snapshot
 * itself carries its own format version and checksum, verified when the store loads it.
 *
 * <p>A snapshot that fails verification is renamed to {@code snapshot.<term>_<index>.corrupt-<millis>},
 * which no longer matches the pattern: it is kept for inspection but never loaded or sent again.
 *
 * <p>Thread-safe: the latest snapshot is published through a volatile field; file changes happen
 * on the apply thread or during start-up.
 */
final class SnapshotFiles implements StateMachineStorage {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotFiles.class);

  static final Pattern SNAPSHOT_NAME = Pattern.compile("snapshot\\.(\\d+)_(\\d+)");
  static final String CORRUPT_SUFFIX = ".corrupt-";

  private volatile File dir;
  private volatile SingleFileSnapshotInfo latest;

  /** One snapshot file on disk. */
  record Candidate(Path path, TermIndex termIndex) {
    long index() {
      return termIndex.getIndex();
    }
  }

  @Override
  public void init(RaftStorage storage) throws IOException {
    dir = storage.getStorageDir().getStateMachineDir();
    Files.createDirectories(dir.toPath());
  }

  Path dir() {
    return dir.toPath();
  }

  /** The snapshot loaded or written last; Ratis sends it to followers that need it. */
  @Override
  public SingleFileSnapshotInfo getLatestSnapshot() {
    return latest;
  }

  @Override
  public void format() {
    // Nothing to format: an empty directory is an empty state machine.
  }

  /** Every snapshot file present, newest (highest index) first. */
  List<Candidate> candidates() throws IOException {
    List<Candidate> found = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir())) {
      for (Path p : files) {
        Matcher m = SNAPSHOT_NAME.matcher(p.getFileName().toString());
        if (m.matches() && Files.isRegularFile(p)) {
          found.add(new Candidate(p, TermIndex.valueOf(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)))));
        }
      }
    }
    found.sort(Comparator.comparingLong(Candidate::index).reversed());
    return found;
  }

  Path pathFor(TermIndex termIndex) {
    return dir().resolve("snapshot." + termIndex.getTerm() + "_" + termIndex.getIndex());
  }

  /** Makes a verified snapshot the latest: writes its MD5 file if missing. */
  void publish(Candidate snapshot) throws IOException {
    File file = snapshot.path().toFile();
    MD5Hash md5 = MD5FileUtil.getDigestFileForFile(file).exists()
        ? MD5FileUtil.readStoredMd5ForFile(file)
        : MD5FileUtil.computeAndSaveMd5ForFile(file);
    latest = new SingleFileSnapshotInfo(new FileInfo(snapshot.path(), md5), snapshot.termIndex());
  }

  /** Forgets the latest snapshot, before the directory is replaced by an install. */
  void forgetLatest() {
    latest = null;
  }

  /** Renames a snapshot that failed verification out of the way, and drops its MD5 file. */
  void quarantine(Candidate snapshot) {
    Path target = snapshot.path().resolveSibling(
        snapshot.path().getFileName() + CORRUPT_SUFFIX + System.currentTimeMillis());
    try {
      Files.move(snapshot.path(), target, StandardCopyOption.ATOMIC_MOVE);
      Files.deleteIfExists(MD5FileUtil.getDigestFileForFile(snapshot.path().toFile()).toPath());
      LOG.error("snapshot {} failed verification; moved aside to {}", snapshot.path(), target);
    } catch (IOException e) {
      throw new UncheckedIOException("could not move the corrupt snapshot " + snapshot.path() + " aside", e);
    }
  }

  /** Keeps the newest snapshots by index, and deletes older ones with their MD5 files. */
  @Override
  public void cleanupOldSnapshots(SnapshotRetentionPolicy policy) throws IOException {
    int keep = policy == null ? SnapshotRetentionPolicy.DEFAULT_ALL_SNAPSHOTS_RETAINED : policy.getNumSnapshotsRetained();
    if (keep <= 0 || dir == null) {
      return;
    }
    List<Candidate> all = candidates();
    SingleFileSnapshotInfo current = latest;
    for (Candidate old : all.subList(Math.min(keep, all.size()), all.size())) {
      if (current != null && old.index() >= current.getIndex()) {
        continue;
      }
      Files.deleteIfExists(old.path());
      Files.deleteIfExists(MD5FileUtil.getDigestFileForFile(old.path().toFile()).toPath());
      LOG.info("deleted old snapshot {}", old.path());
    }
  }
}
