package io.statekv.storage.internal;

import io.statekv.storage.ApplyOutput;
import io.statekv.storage.ClusterSettings;
import io.statekv.storage.Entry;
import io.statekv.storage.ListPage;
import io.statekv.storage.ListQuery;
import io.statekv.storage.Request;
import io.statekv.storage.StateStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;

/**
 * The Chronicle Map backed {@link StateStore} (see docs/storage.md).
 *
 * <p><b>Concurrency.</b> Two locks. {@code applyLock} is held for a whole {@link #apply} and by
 * {@link #stateHash} and {@link #writeSnapshot}, which must see the state between log entries.
 * The {@link StampedLock} guards what readers see: apply computes a log entry's requests against
 * {@link StagedWrites} without it, then commits every change under the write lock, so a reader
 * sees the whole log entry or none of it. Reads ({@link #get}, {@link #list}, {@link
 * #listGroups}, {@link #nextExpiryAt}, {@link #stats}) take the read lock. {@link #close} takes
 * both, so no reader ever touches a closed map.
 *
 * <p>The sessions, the staged writes and the apply logic are touched only under {@code
 * applyLock}; the off-heap map, the indexes and the counts change only under the write lock.
 */
public final class ChronicleStateStore implements StateStore {
  private final ReentrantLock applyLock = new ReentrantLock();
  private final StampedLock lock = new StampedLock();
  private final StoredState stored;
  private final ClientSessions sessions;
  private volatile ClusterSettings settings;
  private volatile long appliedRevision;
  private volatile long lastStamp;
  private volatile boolean closed;
  /** Why a commit failed halfway, after which the store refuses every call; null while healthy. */
  private volatile String broken;

  ChronicleStateStore(
      ClusterSettings settings, long appliedRevision, long lastStamp, StoredState stored, ClientSessions sessions) {
    this.settings = settings;
    this.appliedRevision = appliedRevision;
    this.lastStamp = lastStamp;
    this.stored = stored;
    this.sessions = sessions;
  }

  /** An empty store with the default settings. */
  public static StateStore createEmpty() {
    return createEmpty(ClusterSettings.DEFAULTS);
  }

  /**
   * An empty store that starts with {@code settings} and a map sized for them. Replicas must agree
   * on the settings: a cluster bootstraps with defaults and changes them through the log; this
   * exists for tools and tests that build a store directly.
   */
  public static StateStore createEmpty(ClusterSettings settings) {
    return new ChronicleStateStore(
        settings, 0, 0, new StoredState(MapSizing.forSettings(settings)), new ClientSessions());
  }

  public static StateStore load(Path snapshot) throws IOException {
    return SnapshotFormat.load(snapshot);
  }

  @Override
  public ApplyOutput apply(long revision, long stamp, List<Request> requests) {
    applyLock.lock();
    try {
      checkOpen();
      if (revision <= appliedRevision) {
        throw new IllegalStateException(
            "revision " + revision + " does not advance past applied revision " + appliedRevision);
      }
      long time = Math.max(lastStamp, stamp);
      ApplyContext ctx = new ApplyContext(revision, time, settings, new StagedWrites(stored));
      sessions.evictIdle(time, ctx.settings.sessionTtlMillis());
      RequestApplier applier = new RequestApplier(ctx, stored, sessions);
      List<io.statekv.storage.Result> results = new ArrayList<>(requests.size());
      List<Boolean> duplicates = new ArrayList<>(requests.size());
      for (Request r : requests) {
        results.add(applier.apply(r));
        duplicates.add(applier.lastWasDuplicate());
      }
      commit(ctx, revision, time);
      return new ApplyOutput(results, duplicates, ctx.staged.events());
    } finally {
      applyLock.unlock();
    }
  }

  /**
   * Writes the log entry's changes. A failure here (Chronicle refusing a write the quotas
   * allowed) leaves the entry half written, so the store marks itself broken and refuses every
   * later call: the replica must stop and recover from a snapshot and the log.
   */
  private void commit(ApplyContext ctx, long revision, long time) {
    long w = lock.writeLock();
    try {
      if (ctx.settings != settings) {
        stored.values().ensureSize(MapSizing.forSettings(ctx.settings));
        settings = ctx.settings;
      }
      stored.commit(ctx.staged);
      appliedRevision = revision;
      lastStamp = time;
    } catch (RuntimeException | Error e) {
      broken = "the commit of revision " + revision + " failed halfway: " + e;
      throw e;
    } finally {
      lock.unlockWrite(w);
    }
  }

  @Override
  public Entry get(String scope, String key, long nowMillis) {
    if (scope == null) {
      return null;
    }
    long r = lock.readLock();
    try {
      return readEntry(scope, key, nowMillis);
    } finally {
      lock.unlockRead(r);
    }
  }

  private Entry readEntry(String scope, String key, long nowMillis) {
    checkOpen();
    ScopeIndex.Scope s = stored.scopes().scope(scope);
    byte[] mapKey = s == null ? null : s.mapKey(key);
    return mapKey == null ? null : stored.values().read(scope, key, mapKey, nowMillis, true);
  }

  @Override
  public ListPage list(ListQuery query, long nowMillis) {
    long r = lock.readLock();
    try {
      checkOpen();
      return Listing.list(stored, query, nowMillis);
    } finally {
      lock.unlockRead(r);
    }
  }

  @Override
  public List<String> listGroups(long nowMillis) {
    long r = lock.readLock();
    try {
      checkOpen();
      return stored.scopes().liveScopes(nowMillis);
    } finally {
      lock.unlockRead(r);
    }
  }

  @Override
  public long appliedRevision() {
    return appliedRevision;
  }

  @Override
  public long lastStamp() {
    return lastStamp;
  }

  @Override
  public ClusterSettings settings() {
    return settings;
  }

  @Override
  public long nextExpiryAt() {
    long r = lock.readLock();
    try {
      checkOpen();
      return stored.expiries().nextExpiryAt();
    } finally {
      lock.unlockRead(r);
    }
  }

  @Override
  public StoreStats stats() {
    long r = lock.readLock();
    try {
      checkOpen();
      return new StoreStats(stored.entries(), stored.bytes(), sessions.size());
    } finally {
      lock.unlockRead(r);
    }
  }

  /** Off-heap bytes the entry map has allocated; for capacity reports and benchmarks. */
  public long offHeapBytes() {
    long r = lock.readLock();
    try {
      checkOpen();
      return stored.values().offHeapBytes();
    } finally {
      lock.unlockRead(r);
    }
  }

  /** Chronicle entries, counting every piece of large values; for tests and capacity reports. */
  long mapEntries() {
    long r = lock.readLock();
    try {
      checkOpen();
      return stored.values().mapEntries();
    } finally {
      lock.unlockRead(r);
    }
  }

  /** The sizing of the current map. */
  MapSizing mapSizing() {
    long r = lock.readLock();
    try {
      checkOpen();
      return stored.values().sizing();
    } finally {
      lock.unlockRead(r);
    }
  }

  @Override
  public byte[] stateHash() {
    applyLock.lock();
    try {
      checkOpen();
      return StateHasher.hash(view());
    } finally {
      applyLock.unlock();
    }
  }

  @Override
  public void writeSnapshot(Path target) throws IOException {
    applyLock.lock();
    try {
      checkOpen();
      SnapshotWriter.write(view(), target);
    } finally {
      applyLock.unlock();
    }
  }

  /** Like {@link #writeSnapshot}, failing after {@code failAfterBytes}; for tests of the cleanup. */
  void writeSnapshotFailingAfter(Path target, long failAfterBytes) throws IOException {
    applyLock.lock();
    try {
      checkOpen();
      SnapshotWriter.write(view(), target, failAfterBytes);
    } finally {
      applyLock.unlock();
    }
  }

  private StateView view() {
    return new StateView(appliedRevision, lastStamp, settings, sessions, stored);
  }

  @Override
  public void close() {
    applyLock.lock();
    try {
      long w = lock.writeLock();
      try {
        if (!closed) {
          closed = true;
          stored.close();
        }
      } finally {
        lock.unlockWrite(w);
      }
    } finally {
      applyLock.unlock();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the store is closed");
    }
    if (broken != null) {
      throw new IllegalStateException("the store is unusable: " + broken);
    }
  }
}
