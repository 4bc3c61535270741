package io.statekv.raft.internal;

import io.statekv.protocol.v1.Consistency;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.raft.ReplicaException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.impl.OrderedAsync;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.RaftException;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.util.Timestamp;

/**
 * The read barriers of {@link io.statekv.raft.Replica#readBarrier}.
 *
 * <ul>
 *   <li><b>Linearizable on the leader</b>: one coalesced round is a Ratis ReadIndex read (which
 *       waits until the leader has committed in its term and applied up to its commit index) and,
 *       in addition, proof from {@link PeerContacts} that a majority accepted a heartbeat sent
 *       after the round began. The proof closes a gap in Ratis, whose ReadIndex answers without
 *       contacting anyone when the commit index has not moved since its last acknowledged round.
 *   <li><b>Linearizable on a follower</b>: one coalesced round asks the leader, through a Ratis
 *       client, for the index of a leader round as above; the follower then waits until it has
 *       applied that index.
 *   <li><b>Lease</b>: leader only. While {@link LeaderLease} holds, waits until the commit index is
 *       applied, without a round trip; otherwise it falls back to a linearizable round.
 *   <li><b>Serializable</b>: waits only until {@code minRevision} is applied.
 * </ul>
 *
 * Every barrier also waits for {@code minRevision}, and fails with {@code timeout} after the
 * request timeout. Thread-safe.
 */
final class ReadBarriers {
  private final RaftServer server;
  private final Supplier<RaftServer.Division> division;
  private final Supplier<RaftClient> client;
  private final PeerContacts contacts;
  private final LeaderLease lease;
  private final AppliedWaiters waiters;
  private final Supplier<ReplicaException> notLeader;
  private final Duration timeout;
  private final ClientId readerId = ClientId.randomId();
  private final AtomicLong callIds = new AtomicLong();
  private final ReadIndexBarrier leaderBarrier;
  private final ReadIndexBarrier followerBarrier;

  ReadBarriers(
      RaftServer server,
      Supplier<RaftServer.Division> division,
      Supplier<RaftClient> client,
      PeerContacts contacts,
      LeaderLease lease,
      AppliedWaiters waiters,
      Supplier<ReplicaException> notLeader,
      Executor executor,
      Duration timeout) {
    this.server = server;
    this.division = division;
    this.client = client;
    this.contacts = contacts;
    this.lease = lease;
    this.waiters = waiters;
    this.notLeader = notLeader;
    this.timeout = timeout;
    this.leaderBarrier = new ReadIndexBarrier(this::leaderRound, executor, timeout);
    this.followerBarrier = new ReadIndexBarrier(this::followerRound, executor, timeout);
  }

  CompletableFuture<Long> barrier(Consistency consistency, long minRevision) {
    if (minRevision < 0) {
      return Failures.failed(new ReplicaException(ErrorCode.INVALID_ARGUMENT, "min_revision out of range"));
    }
    switch (consistency) {
      case SERIALIZABLE:
        return waitApplied(minRevision);
      case LEASE:
        return lease(minRevision);
      case LINEARIZABLE:
        return linearizable().thenCompose(index -> waitApplied(Math.max(index, minRevision)));
      default:
        return Failures.failed(new ReplicaException(ErrorCode.INVALID_ARGUMENT, "unknown consistency " + consistency));
    }
  }

  /** A leader round for a follower that asked for a read index. */
  CompletableFuture<Long> readIndexForFollower() {
    ReplicaException refusal = notLeader.get();
    return refusal != null ? Failures.failed(refusal) : leaderBarrier.await();
  }

  private CompletableFuture<Long> lease(long minRevision) {
    ReplicaException refusal = notLeader.get();
    if (refusal != null) {
      return Failures.failed(refusal);
    }
    if (lease.holds()) {
      long committed = division.get().getRaftLog().getLastCommittedIndex();
      return waitApplied(Math.max(committed, minRevision));
    }
    return leaderBarrier.await().thenCompose(index -> waitApplied(Math.max(index, minRevision)));
  }

  private CompletableFuture<Long> linearizable() {
    return division.get().getInfo().isLeader() ? leaderBarrier.await() : followerBarrier.await();
  }

  private CompletableFuture<Long> waitApplied(long revision) {
    return waiters.await(revision, timeout).exceptionally(e -> {
      throw Failures.forRead(e);
    });
  }

  private CompletableFuture<Long> leaderRound() {
    Timestamp since = Timestamp.currentTime();
    RaftClientRequest read = RaftClientRequest.newBuilder()
        .setClientId(readerId)
        .setServerId(server.getId())
        .setGroupId(division.get().getGroup().getGroupId())
        .setCallId(callIds.incrementAndGet())
        .setMessage(OrderedAsync.DUMMY)
        .setType(RaftClientRequest.readRequestType(false, false, true))
        .build();
    CompletableFuture<RaftClientReply> reply;
    try {
      reply = server.submitClientRequestAsync(read);
    } catch (IOException e) {
      return Failures.failed(Failures.unavailable("the Raft server refused the read: " + e.getMessage()));
    }
    CompletableFuture<Void> contact = contacts.awaitContactSince(since);
    return reply
        .thenCompose(r -> {
          if (!r.isSuccess()) {
            throw readFailure(r.getException());
          }
          return contact;
        })
        .whenComplete((v, e) -> {
          if (e != null) {
            contacts.forget(contact);
          }
        })
        .thenApply(v -> waiters.applied());
  }

  private CompletableFuture<Long> followerRound() {
    return client.get().async().sendReadOnlyNonLinearizable(KvStateMachine.READ_INDEX_QUERY).thenApply(r -> {
      if (!r.isSuccess()) {
        throw readFailure(r.getException());
      }
      return ByteBuffer.wrap(r.getMessage().getContent().toByteArray()).getLong();
    });
  }

  private ReplicaException readFailure(RaftException e) {
    if (e instanceof NotLeaderException) {
      return notLeaderOr(e);
    }
    if (e instanceof LeaderNotReadyException) {
      return Failures.unavailable("the leader has not committed an entry of its term yet");
    }
    return Failures.unavailable("the read index round failed: " + e.getMessage());
  }

  private ReplicaException notLeaderOr(RaftException e) {
    ReplicaException r = notLeader.get();
    return r != null ? r : Failures.unavailable("leadership changed during the read: " + e.getMessage());
  }
}
