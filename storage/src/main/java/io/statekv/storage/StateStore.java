package io.statekv.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The deterministic state engine every replica runs: applied state, its indexes, the client
 * sessions of exactly-once writes, and the cluster settings.
 *
 * <p><b>Determinism.</b> {@link #apply} is a pure function of (state, revision, stamp, requests):
 * it reads no clock, random source, environment or node configuration, and iterates in key order.
 * The effective time of an entry is {@code max(previous stamp, stamp)}, so time never goes
 * backwards across leader changes. Replaying the same log on two stores yields equal {@link
 * #stateHash()}es and equal event streams.
 *
 * <p><b>Threads.</b> One thread applies (the Raft apply thread). Reads may run concurrently from
 * any thread and see each log entry entirely or not at all. {@link #writeSnapshot} must be called
 * while no apply runs (Ratis calls it on the apply thread).
 *
 * <p><b>Reads and time.</b> Reads take the caller's notion of now, which the caller keeps at or
 * after {@link #lastStamp()}; an entry whose expiry is at or before it is invisible, even before
 * the leader's expiry command deletes it.
 */
public interface StateStore extends AutoCloseable {

  /**
   * Applies one log entry.
   *
   * @param revision the entry's log index; greater than {@link #appliedRevision()}
   * @param stamp the leader's time stamp, epoch milliseconds
   * @param requests the commands of the entry, possibly none (a no-op entry still advances the
   *     applied revision)
   * @throws IllegalStateException if {@code revision} does not advance; this is a bug, not input
   */
  ApplyOutput apply(long revision, long stamp, List<Request> requests);

  /** Returns the live entry, or null when it is missing or expired at {@code nowMillis}. */
  Entry get(String scope, String key, long nowMillis);

  /** Lists live entries of one scope in key order. */
  ListPage list(ListQuery query, long nowMillis);

  /** Sorted scopes holding at least one live entry. */
  List<String> listGroups(long nowMillis);

  /** The last applied log index (0 for an empty store). */
  long appliedRevision();

  /** The effective leader time of the last applied entry (0 for an empty store). */
  long lastStamp();

  /** The current cluster settings. */
  ClusterSettings settings();

  /** The earliest expiry among stored entries, or {@link Long#MAX_VALUE} when none expires. */
  long nextExpiryAt();

  /** Stored entries (including expired ones not yet deleted) and their key and value bytes. */
  StoreStats stats();

  /**
   * A SHA-256 over the whole replicated state: entries in key order with all metadata, sessions,
   * settings, applied revision and stamp. Independent of the order in which the store was filled.
   */
  byte[] stateHash();

  /**
   * Writes a snapshot of the state: streamed to a temporary file beside {@code target}, fsynced,
   * atomically renamed, and the directory fsynced. Versioned and checksummed.
   */
  void writeSnapshot(Path target) throws IOException;

  @Override
  void close();

  /** Creates an empty store with {@link ClusterSettings#DEFAULTS}. */
  static StateStore create() {
    return io.statekv.storage.internal.ChronicleStateStore.createEmpty();
  }

  /**
   * Loads a store from a snapshot, verifying it first.
   *
   * @throws CorruptSnapshotException if the file is truncated, altered or of an unknown version;
   *     nothing is loaded
   */
  static StateStore openSnapshot(Path snapshot) throws IOException {
    return io.statekv.storage.internal.ChronicleStateStore.load(snapshot);
  }

  /** Reads and verifies only a snapshot's header. */
  static SnapshotInfo readSnapshotInfo(Path snapshot) throws IOException {
    return io.statekv.storage.internal.SnapshotFormat.readInfo(snapshot);
  }

  /**
   * Counts of what the store holds.
   *
   * @param entries stored entries
   * @param bytes bytes of keys and values, as counted against {@code state_bytes_max}
   * @param sessions client sessions held
   */
  record StoreStats(long entries, long bytes, long sessions) {}
}
