package io.statekv.raft.internal;

import io.statekv.raft.internal.SnapshotFiles.Candidate;
import io.statekv.storage.CorruptSnapshotException;
import io.statekv.storage.StateStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.apache.ratis.server.protocol.TermIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the state a replica starts from, and refuses snapshots that fail verification.
 *
 * <p><b>At start-up</b> the state is a snapshot plus the local log after it. The newest snapshot
 * that verifies and that the local log continues (its first index is at most the snapshot's index
 * plus one) wins; a corrupt one is moved aside and the next older is tried. The log keeps entries
 * behind the newest snapshot (see the purge preservation setting) so that the previous snapshot is
 * usually still continuable.
 *
 * <p>When no verified snapshot is continued by the log, the replica cannot rebuild its state
 * locally. It then moves its log segments aside (keeping Ratis' term and vote file, so that it
 * never votes twice in a term) and starts empty: its log now ends before the leader's, and the
 * leader sends it a snapshot. The trade-off, documented in docs/raft.md: entries that only this
 * node and a leader that fails before it catches up held could be lost, as with any lost disk.
 *
 * <p>A log that ends before the loaded snapshot (its tail was lost) is moved aside too: every
 * entry it holds is in the snapshot, and Ratis cannot append after a log shorter than its
 * snapshot.
 *
 * <p><b>After an install</b> from the leader, the newest verified snapshot in the replaced
 * directory is loaded. Not thread-safe: the state machine calls it under its apply lock.
 */
final class SnapshotRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotRecovery.class);

  private final SnapshotFiles files;
  private final StoreFactory stores;
  private final ReplicaMetrics metrics;

  /** A store and the log position it reflects. */
  record Loaded(StateStore store, TermIndex termIndex, boolean fromSnapshot) {}

  SnapshotRecovery(SnapshotFiles files, StoreFactory stores, ReplicaMetrics metrics) {
    this.files = files;
    this.stores = stores;
    this.metrics = metrics;
  }

  /**
   * The state to start from, and what the disk lost on the way, if anything.
   *
   * @param cleanDurableIndex the durable log index the last clean stop recorded ({@link
   *     CleanShutdown}); empty after a crash
   */
  Startup atStartup(Path logDir, Path quarantineDir, OptionalLong cleanDurableIndex) throws IOException {
    long logFirst = LogSegments.firstIndex(logDir);
    long logLast = LogSegments.lastIndex(logDir, RatisSettings.entryBytesMax());
    for (Candidate c : files.candidates()) {
      if (logFirst > c.index() + 1) {
        LOG.warn("snapshot {} is not continued by the local log, which starts at {}", c.path(), logFirst);
        break;
      }
      Loaded loaded = tryLoad(c);
      if (loaded != null) {
        String damage = setAsideLogBehind(logDir, quarantineDir, logLast, c.index());
        long durable = Math.max(logLast, c.index());
        return new Startup(loaded, damage != null ? damage : lostSinceCleanStop(cleanDurableIndex, durable));
      }
    }
    String damage = lostSinceCleanStop(cleanDurableIndex, logLast);
    if (logFirst > 1) {
      Path target = quarantineDir.resolve("log-" + System.currentTimeMillis());
      int moved = LogSegments.moveAside(logDir, target);
      LOG.error("no verified snapshot is continued by the local log (first index {}); moved {} log segments"
          + " to {} and starting empty, to be rebuilt from the leader's snapshot", logFirst, moved, target);
      damage = "the local log from index " + logFirst + " could not be used (no snapshot before it verified)";
    }
    return new Startup(new Loaded(stores.empty(), TermIndex.INITIAL_VALUE, false), damage);
  }

  /** A start-up state, and what the disk lost (null when nothing acknowledged can have been lost). */
  record Startup(Loaded loaded, String damage) {}

  private static String lostSinceCleanStop(OptionalLong cleanDurableIndex, long durable) {
    if (cleanDurableIndex.isPresent() && cleanDurableIndex.getAsLong() > durable) {
      return "the local log ends at " + durable + " but held index " + cleanDurableIndex.getAsLong()
          + " when the replica last stopped cleanly";
    }
    return null;
  }

  /**
   * A log that ends before the loaded snapshot (its tail was lost: a torn write, a truncated file)
   * holds nothing the snapshot lacks, yet Ratis would open it as is: it accepts the leader's next
   * entries because their predecessor is in the snapshot, then refuses to append them after its
   * shorter log ("gap between start index ... and first entry to append"), and the replica never
   * catches up. Moving the segments aside (the term and vote file stays) makes the log start
   * right after the snapshot, as after an install, and the leader's entries follow on.
   */
  private static String setAsideLogBehind(Path logDir, Path quarantineDir, long logLast, long snapshotIndex)
      throws IOException {
    if (logLast < 0 || logLast >= snapshotIndex) {
      return null;
    }
    Path target = quarantineDir.resolve("log-behind-snapshot-" + System.currentTimeMillis());
    int moved = LogSegments.moveAside(logDir, target);
    LOG.warn("the local log ends at {}, before the loaded snapshot at {} (its tail was lost); moved {} log"
        + " segments, all covered by the snapshot, to {}", logLast, snapshotIndex, moved, target);
    return "the local log ends at " + logLast + ", before the snapshot at " + snapshotIndex + " (its tail was lost)";
  }

  Loaded afterInstall() throws IOException {
    for (Candidate c : files.candidates()) {
      Loaded loaded = tryLoad(c);
      if (loaded != null) {
        return loaded;
      }
    }
    throw new IOException("the snapshot installed from the leader is missing or failed verification");
  }

  private Loaded tryLoad(Candidate c) throws IOException {
    long started = System.nanoTime();
    try {
      StateStore store = stores.open(c.path());
      if (store.appliedRevision() != c.index()) {
        long held = store.appliedRevision();
        store.close();
        throw new CorruptSnapshotException("it holds revision " + held + " but its name says " + c.index());
      }
      files.publish(c);
      metrics.snapshotLoaded(System.nanoTime() - started);
      LOG.info("loaded snapshot {} at revision {}", c.path(), c.index());
      return new Loaded(store, c.termIndex(), true);
    } catch (CorruptSnapshotException e) {
      LOG.error("snapshot {} failed verification: {}", c.path(), e.getMessage());
      files.quarantine(c);
      return null;
    }
  }
}
