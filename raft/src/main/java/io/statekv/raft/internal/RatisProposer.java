package io.statekv.raft.internal;

import io.statekv.protocol.v1.BatchResult;
import io.statekv.protocol.v1.LogEntry;
import io.statekv.raft.ReplicaException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.RaftException;
import org.apache.ratis.protocol.exceptions.ResourceUnavailableException;
import org.apache.ratis.server.RaftServer;

/**
 * Proposes entries in process, through {@link RaftServer#submitClientRequestAsync}, as write
 * requests of this replica's own client id with increasing call ids.
 *
 * <p>Failure mapping: the server refusing the request before appending it (not running, leader
 * not ready, stepping down, too many pending requests) is a definite {@code unavailable}. Every other failure,
 * including {@code NotLeaderException} (which Ratis also sends when a leader steps down with the
 * entry appended), is left to {@link Failures#afterProposal} as outcome unknown, with the new
 * leader as hint when one is known.
 */
final class RatisProposer implements EntryProposer {
  private final RaftServer server;
  private final RaftGroupId group;
  private final Function<String, String> clientAddressOf;
  private final ClientId clientId = ClientId.randomId();
  private final AtomicLong callIds = new AtomicLong();

  /** @param clientAddressOf a member id's client address, or "" when unknown */
  RatisProposer(RaftServer server, RaftGroupId group, Function<String, String> clientAddressOf) {
    this.server = server;
    this.group = group;
    this.clientAddressOf = clientAddressOf;
  }

  @Override
  public CompletableFuture<BatchResult> propose(LogEntry entry) {
    RaftClientRequest request = RaftClientRequest.newBuilder()
        .setClientId(clientId)
        .setServerId(server.getId())
        .setGroupId(group)
        .setCallId(callIds.incrementAndGet())
        .setMessage(new ProposedEntry(entry))
        .setType(RaftClientRequest.writeRequestType())
        .build();
    CompletableFuture<RaftClientReply> reply;
    try {
      reply = server.submitClientRequestAsync(request);
    } catch (IOException e) {
      return Failures.failed(Failures.unavailable("the Raft server is not running: " + e.getMessage()));
    }
    return reply.thenApply(r -> {
      if (r.isSuccess()) {
        return BatchReply.of(r.getMessage());
      }
      throw failure(r.getException());
    });
  }

  private ReplicaException failure(RaftException e) {
    if (e instanceof LeaderNotReadyException) {
      return Failures.unavailable("the leader has not committed an entry of its term yet; retry shortly");
    }
    if (e instanceof LeaderSteppingDownException) {
      return Failures.unavailable("the leader is handing leadership over; retry on the new leader");
    }
    if (e instanceof ResourceUnavailableException) {
      return Failures.unavailable("the leader has too many pending requests: " + e.getMessage());
    }
    if (e instanceof NotLeaderException nle && nle.getSuggestedLeader() != null) {
      String id = nle.getSuggestedLeader().getId().toString();
      return new ReplicaException(io.statekv.protocol.v1.ErrorCode.TIMEOUT,
          "leadership moved to " + id + " after the proposal; the outcome is unknown", id, clientAddressOf.apply(id));
    }
    return Failures.timeout("Raft failed the proposal after accepting it (" + e + "); the outcome is unknown");
  }
}
