package io.statekv.raft.internal;

import io.statekv.protocol.v1.BatchResult;
import io.statekv.protocol.v1.LogEntry;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.raft.ApplyListener;
import io.statekv.raft.ReplicaException;
import io.statekv.raft.StateHash;
import io.statekv.raft.internal.EntryApplier.Applied;
import io.statekv.raft.internal.SnapshotRecovery.Loaded;
import io.statekv.storage.Event;
import io.statekv.storage.StateStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.ratis.proto.RaftProtos;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftConfigurationProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ratis state machine around one {@link StateStore}. It only adapts: decodes each committed
 * entry, applies it whole at its log index, records the applied index, publishes the entry's
 * events, and answers the proposer with a {@link BatchResult}. Raft's own entries (configuration,
 * metadata) advance the store's applied revision too, so the store's revision is always the log
 * index.
 *
 * <p><b>Threads.</b> Ratis applies on one thread. Snapshot installs pause the machine from another
 * thread; one lock orders apply, snapshots, pause and reload. Reads go to {@link #store()} from
 * any thread. Events reach listeners in log order, on the apply thread, under that lock.
 *
 * <p><b>Lifecycle</b> (Ratis drives it; see RECIPES.md): {@code initialize} loads the latest valid
 * snapshot inside {@code startAndTransition}; {@code pause} moves RUNNING to PAUSED before an
 * install; {@code reinitialize} loads the installed snapshot, swaps the store in, and resumes.
 */
final class KvStateMachine extends BaseStateMachine {
  private static final Logger LOG = LoggerFactory.getLogger(KvStateMachine.class);

  /** A replaced store stays open this long, so that reads that picked it up can finish. */
  static final Duration REPLACED_STORE_GRACE = Duration.ofSeconds(30);

  /** The query a follower sends to the leader for a read index. */
  static final Message READ_INDEX_QUERY = Message.valueOf("statekv.read-index.v1");

  private final SnapshotFiles files;
  private final SnapshotRecovery recovery;
  private final ReplicaMetrics metrics;
  private final AppliedWaiters waiters;
  private final StateMachineEvents events;
  private final ScheduledExecutorService scheduler;
  private final List<ApplyListener> listeners = new CopyOnWriteArrayList<>();
  private final List<StateStore> retired = new ArrayList<>();
  private final ReentrantLock applyLock = new ReentrantLock();
  private final java.nio.file.Path quarantineDir;
  private final RecoveryGate gate;
  private final OptionalLong cleanDurableIndex;
  private volatile StateStore store;

  KvStateMachine(
      SnapshotFiles files,
      SnapshotRecovery recovery,
      ReplicaMetrics metrics,
      AppliedWaiters waiters,
      StateMachineEvents events,
      ScheduledExecutorService scheduler,
      java.nio.file.Path quarantineDir,
      RecoveryGate gate,
      OptionalLong cleanDurableIndex) {
    this.files = files;
    this.recovery = recovery;
    this.metrics = metrics;
    this.waiters = waiters;
    this.events = events;
    this.scheduler = scheduler;
    this.quarantineDir = quarantineDir;
    this.gate = gate;
    this.cleanDurableIndex = cleanDurableIndex;
  }

  void addListener(ApplyListener listener) {
    listeners.add(listener);
  }

  /** The current store; replaced by a snapshot install. Null before initialize. */
  StateStore store() {
    return store;
  }

  @Override
  public StateMachineStorage getStateMachineStorage() {
    return files;
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage storage) throws IOException {
    super.initialize(server, groupId, storage);
    files.init(storage);
    getLifeCycle().startAndTransition(() -> {
      SnapshotRecovery.Startup startup = recovery.atStartup(
          storage.getStorageDir().getCurrentDir().toPath(), quarantineDir, cleanDurableIndex);
      if (startup.damage() != null) {
        gate.close(startup.damage());
        holdFirstElection(server);
      }
      install(startup.loaded());
    }, IOException.class);
  }

  /**
   * A damaged replica pauses its elections once its server runs ({@link ReplicaRuntime}); until
   * then its first election timeout is pushed far out, so that it cannot campaign in between.
   */
  private static void holdFirstElection(RaftServer server) {
    TimeDuration far = TimeDuration.valueOf(1, TimeUnit.DAYS);
    RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(server.getProperties(), far);
    RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(server.getProperties(), TimeDuration.valueOf(25, TimeUnit.HOURS));
  }

  /**
   * On the leader, before Ratis appends a request: only a readable {@link LogEntry} may enter the
   * log, whoever sent it, because an unreadable entry would stop every replica that applies it.
   * The decoded entry rides along to {@link #applyTransaction}.
   */
  @Override
  public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
    TransactionContext trx = super.startTransaction(request);
    Message m = request.getMessage();
    try {
      LogEntry entry = m instanceof ProposedEntry p
          ? p.entry()
          : LogEntries.decode(-1, m.getContent().asReadOnlyByteBuffer());
      trx.setStateMachineContext(entry);
    } catch (LogEntries.UnreadableEntryException e) {
      trx.setException(e);
    }
    return trx;
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto raftEntry = trx.getLogEntry();
    long index = raftEntry.getIndex();
    applyLock.lock();
    try {
      if (getLifeCycleState() != LifeCycle.State.RUNNING) {
        // Paused for a snapshot install that covers this entry: the snapshot brings its effect.
        LOG.info("skipping entry {} while paused for a snapshot install", index);
        return CompletableFuture.completedFuture(new BatchReply(BatchResult.newBuilder().setRevision(index).build()));
      }
      long started = System.nanoTime();
      // Only the replica that proposed the entry (and so decoded it in startTransaction) has
      // callers waiting for its results; a follower, or a leader replaying its log, has none.
      boolean proposedHere = trx.getStateMachineContext() instanceof LogEntry;
      LogEntry entry = proposedHere
          ? (LogEntry) trx.getStateMachineContext()
          : LogEntries.decode(index, raftEntry.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer());
      Applied applied = EntryApplier.apply(store, index, entry, proposedHere);
      updateLastAppliedTermIndex(raftEntry.getTerm(), index);
      gate.applied(raftEntry.getTerm(), index);
      metrics.applyLatency(System.nanoTime() - started);
      publish(index, applied.events());
      return CompletableFuture.completedFuture(new BatchReply(applied.result()));
    } finally {
      applyLock.unlock();
    }
  }

  /** Raft's configuration and metadata entries: advance the store so that revision = log index. */
  @Override
  public void notifyTermIndexUpdated(long term, long index) {
    applyLock.lock();
    try {
      if (getLifeCycleState() != LifeCycle.State.RUNNING) {
        return;
      }
      StateStore s = store;
      if (s != null && index > s.appliedRevision()) {
        Applied applied = EntryApplier.nothing(s, index, 0);
        publish(index, applied.events());
      }
      if (index > getLastAppliedTermIndex().getIndex()) {
        updateLastAppliedTermIndex(term, index);
      }
      gate.applied(term, index);
    } finally {
      applyLock.unlock();
    }
  }

  private void publish(long index, List<Event> all) {
    List<Event> visible = visible(all);
    waiters.advanced(index);
    for (ApplyListener l : listeners) {
      try {
        l.onApplied(index, visible);
      } catch (RuntimeException e) {
        LOG.error("an apply listener failed on revision {}", index, e);
      }
    }
  }

  /** Changes of the reserved scopes (member records) are internal and not published. */
  private static List<Event> visible(List<Event> all) {
    for (Event e : all) {
      if (e.scope().startsWith("_")) {
        List<Event> kept = new ArrayList<>(all.size());
        for (Event x : all) {
          if (!x.scope().startsWith("_")) {
            kept.add(x);
          }
        }
        return kept;
      }
    }
    return all;
  }

  /**
   * The state hash between two entries: under the apply lock, so that the store's revision (the
   * applied log index) and its content belong together.
   */
  StateHash stateHash() {
    applyLock.lock();
    try {
      StateStore s = store;
      if (getLifeCycleState() != LifeCycle.State.RUNNING || s == null) {
        throw new ReplicaException(ErrorCode.UNAVAILABLE, "the state is being replaced by a snapshot install; ask again");
      }
      return new StateHash(s.appliedRevision(), HexFormat.of().formatHex(s.stateHash()));
    } finally {
      applyLock.unlock();
    }
  }

  @Override
  public long takeSnapshot() throws IOException {
    applyLock.lock();
    try {
      StateStore s = store;
      TermIndex last = getLastAppliedTermIndex();
      long index = s.appliedRevision();
      var latest = files.getLatestSnapshot();
      if (index <= 0 || (latest != null && latest.getIndex() >= index)) {
        return latest == null ? RaftLog.INVALID_LOG_INDEX : latest.getIndex();
      }
      if (last.getIndex() != index) {
        throw new IllegalStateException("applied term-index " + last + " disagrees with the store's revision " + index);
      }
      long started = System.nanoTime();
      SnapshotFiles.Candidate target = new SnapshotFiles.Candidate(files.pathFor(last), last);
      s.writeSnapshot(target.path());
      files.publish(target);
      metrics.snapshotTaken(System.nanoTime() - started);
      LOG.info("took snapshot {} at revision {}", target.path(), index);
      return index;
    } finally {
      applyLock.unlock();
    }
  }

  @Override
  public void pause() {
    applyLock.lock();
    try {
      if (getLifeCycleState() == LifeCycle.State.RUNNING) {
        getLifeCycle().transition(LifeCycle.State.PAUSING);
        getLifeCycle().transition(LifeCycle.State.PAUSED);
      }
      files.forgetLatest();
    } finally {
      applyLock.unlock();
    }
  }

  @Override
  public void reinitialize() throws IOException {
    applyLock.lock();
    try {
      getLifeCycle().transition(LifeCycle.State.STARTING);
      install(recovery.afterInstall());
      getLifeCycle().transition(LifeCycle.State.RUNNING);
    } finally {
      applyLock.unlock();
    }
  }

  /** Swaps a loaded store in; the old one is closed after a grace period. Under the apply lock or at start. */
  private void install(Loaded loaded) {
    StateStore old = store;
    store = loaded.store();
    setLastAppliedTermIndex(loaded.termIndex());
    long revision = loaded.store().appliedRevision();
    waiters.reset(revision);
    gate.applied(loaded.termIndex().getTerm(), loaded.termIndex().getIndex());
    if (loaded.fromSnapshot()) {
      for (ApplyListener l : listeners) {
        try {
          l.onReset(revision);
        } catch (RuntimeException e) {
          LOG.error("an apply listener failed on reset to revision {}", revision, e);
        }
      }
    }
    if (old != null) {
      retire(old);
    }
  }

  private void retire(StateStore old) {
    synchronized (retired) {
      retired.add(old);
    }
    scheduler.schedule(() -> {
      synchronized (retired) {
        if (retired.remove(old)) {
          old.close();
        }
      }
    }, REPLACED_STORE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public CompletableFuture<Message> query(Message request) {
    if (!READ_INDEX_QUERY.getContent().equals(request.getContent())) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("unknown query"));
    }
    return events.readIndexForFollower().thenApply(index -> Message.valueOf(
        org.apache.ratis.thirdparty.com.google.protobuf.ByteString.copyFrom(
            ByteBuffer.allocate(Long.BYTES).putLong(0, index))));
  }

  @Override
  public void notifyLeaderChanged(RaftGroupMemberId groupMemberId, RaftPeerId newLeaderId) {
    LOG.info("{}: the leader is now {}", groupMemberId.getPeerId(), newLeaderId == null ? "unknown" : newLeaderId);
    events.onLeaderChanged(newLeaderId);
  }

  @Override
  public void notifyLeaderReady() {
    events.onLeaderReady();
  }

  @Override
  public void notifyConfigurationChanged(long term, long index, RaftConfigurationProto newConf) {
    LOG.info("configuration at index {} of term {}: voters {}{}", index, term, peerIds(newConf.getPeersList()),
        newConf.getOldPeersCount() == 0 ? "" : " (joint with " + peerIds(newConf.getOldPeersList()) + ")");
    events.onConfigurationChanged();
  }

  private static List<String> peerIds(List<RaftProtos.RaftPeerProto> peers) {
    return peers.stream().map(p -> p.getId().toStringUtf8()).toList();
  }

  @Override
  public void close() {
    events.onStateMachineClosed();
    applyLock.lock();
    try {
      getLifeCycle().checkStateAndClose(() -> {
        StateStore s = store;
        if (s != null) {
          s.close();
        }
        synchronized (retired) {
          retired.forEach(StateStore::close);
          retired.clear();
        }
      });
    } finally {
      applyLock.unlock();
    }
  }
}
