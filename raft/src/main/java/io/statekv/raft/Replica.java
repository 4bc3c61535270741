package io.statekv.raft;

import io.micrometer.core.instrument.MeterRegistry;
import io.statekv.protocol.v1.ClientCommand;
import io.statekv.protocol.v1.CommandResult;
import io.statekv.protocol.v1.Consistency;
import io.statekv.storage.ClusterSettings;
import io.statekv.storage.StateStore;
import java.util.concurrent.CompletableFuture;

/**
 * One node's member of the Raft group: the Ratis server, the state machine around the storage
 * engine, the leader's batcher and expiry proposer, and the read barriers.
 *
 * <p><b>Writes.</b> {@link #submit} accepts a validated client command on the leader, batches it
 * with others into one log entry (no two commands of an entry touch the same key), and completes
 * once the entry is committed and applied, with the command's own result. Exactly-once: a command
 * carrying the same (client_id, seq) as one already applied gets the cached result.
 *
 * <p><b>Reads.</b> A read first passes {@link #readBarrier}, then reads {@link #store()} directly
 * with {@link #readTime()} as now.
 *
 * <p><b>Failures</b> complete futures exceptionally with {@link ReplicaException}: {@code
 * not_leader} (with the leader hint) and {@code unavailable} mean the command certainly did not
 * happen; {@code timeout} means its outcome is unknown.
 *
 * <p>Thread-safe. Futures complete on internal threads; callers must not block in callbacks.
 */
public interface Replica extends AutoCloseable {

  /** Proposes a client command; see the class comment. */
  CompletableFuture<CommandResult> submit(ClientCommand command);

  /**
   * Completes when the local store may serve a read at the given consistency, with the applied
   * revision it will at least reflect.
   *
   * <ul>
   *   <li>{@code LINEARIZABLE}: a ReadIndex round (coalesced across concurrent reads), on the
   *       leader or a follower, then waits until applied reaches it.
   *   <li>{@code LEASE}: on the leader only (else {@code not_leader}), served under its lease
   *       without a round trip while the lease holds.
   *   <li>{@code SERIALIZABLE}: immediately, or once {@code minRevision} is applied.
   * </ul>
   */
  CompletableFuture<Long> readBarrier(Consistency consistency, long minRevision);

  /** The local store, for reads after a barrier. Never cache it: a snapshot install replaces it. */
  StateStore store();

  /** The time reads use to hide expired entries: the wall clock, never below the last stamp. */
  long readTime();

  /** The current view of the group. */
  ClusterView cluster();

  /**
   * Hashes the whole applied state. Apply waits while it runs, so the hash belongs to exactly one
   * applied index; it reads every entry, so call it on demand (convergence checks), never per
   * request, and never on an event loop.
   *
   * @throws ReplicaException {@code unavailable} while a snapshot install replaces the state
   */
  StateHash stateHash();

  /** Adds a member (it must already be running with an empty data dir), through the leader. */
  CompletableFuture<ClusterView> addMember(Member member);

  /** Removes a member, through the leader. */
  CompletableFuture<ClusterView> removeMember(String id);

  /** Asks the leader to hand leadership to {@code id}, or to any other member when it is empty. */
  CompletableFuture<ClusterView> transferLeadership(String id);

  /** Replaces the cluster settings through a log command. */
  CompletableFuture<ClusterSettings> changeSettings(ClusterSettings settings);

  /** Registers a listener of applied events. Add listeners before {@link #start}. */
  void addApplyListener(ApplyListener listener);

  /**
   * Completes, with the reason, when Raft shut this replica down by itself: Ratis closes a member
   * that finds itself removed from the group (or whose state machine failed). Such a replica
   * serves nothing again; the node stops, and a restart lets the group add it back. Never
   * completes on {@link #close}.
   */
  CompletableFuture<String> shutDownByRaft();

  /** Starts the Ratis server and joins or bootstraps the group. */
  void start();

  /** Stops serving, closes the Ratis server and the store, and releases the data dir lock. */
  @Override
  void close();

  /** Creates a replica. Nothing starts until {@link #start()}. */
  static Replica create(ReplicaConfig config, MeterRegistry metrics) {
    return io.statekv.raft.internal.RatisReplica.create(config, metrics);
  }
}
