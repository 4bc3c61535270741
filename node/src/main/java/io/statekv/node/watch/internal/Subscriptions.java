package io.statekv.node.watch.internal;

import io.statekv.node.watch.SubscriptionRecords;
import io.statekv.node.watch.WatchFilterRules;
import io.statekv.node.watch.WatchService;
import io.statekv.protocol.v1.Consistency;
import io.statekv.protocol.v1.Error;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.protocol.v1.Subscription;
import io.statekv.protocol.v1.SubscriptionAckRequest;
import io.statekv.protocol.v1.SubscriptionAckResponse;
import io.statekv.protocol.v1.SubscriptionConsumeRequest;
import io.statekv.raft.ClusterView;
import io.statekv.raft.Replica;
import io.statekv.storage.Entry;
import java.util.concurrent.CompletableFuture;

/**
 * The streaming side of durable subscriptions: consume streams and their acknowledgements.
 *
 * <p>A consume stream is a watch bound to a subscription, served by the leader only, so that the
 * node that delivers the events is the one that writes the acknowledgements and can check each
 * against what the stream delivered. It starts after a linearizable read of the subscription, from
 * its acknowledged revision + 1; the fan-out cancels it with {@code not_leader} if this node stops
 * leading, and the client resumes on the new leader from the stored cursor. Thread-safe.
 */
public final class Subscriptions {
  private final Replica replica;
  private final FanOut fanOut;
  private final AckCoalescer acks;

  public Subscriptions(Replica replica, FanOut fanOut) {
    this.replica = replica;
    this.fanOut = fanOut;
    this.acks = new AckCoalescer(replica);
  }

  /** Opens a consume stream; completes with null once it started, or with the refusal. */
  CompletableFuture<Error> consume(Transport transport, long streamId, SubscriptionConsumeRequest request) {
    String name = request.getName();
    String problem = SubscriptionRecords.checkName(name);
    if (problem != null) {
      return CompletableFuture.completedFuture(Cancellations.error(ErrorCode.INVALID_ARGUMENT, problem));
    }
    Error notLeading = notLeading(replica.cluster());
    if (notLeading != null) {
      return CompletableFuture.completedFuture(notLeading);
    }
    return replica.readBarrier(Consistency.LINEARIZABLE, 0).thenCompose(revision -> {
      Entry entry = replica.store().get(SubscriptionRecords.SCOPE, name, replica.readTime());
      if (entry == null) {
        return CompletableFuture.completedFuture(
            Cancellations.error(ErrorCode.NOT_FOUND, "no subscription named '" + name + "'"));
      }
      Subscription s = SubscriptionRecords.decode(entry);
      String bad = WatchFilterRules.check(s.getFilter());
      if (bad != null) {
        return CompletableFuture.completedFuture(Cancellations.error(ErrorCode.INVALID_ARGUMENT,
            "subscription '" + name + "' holds a filter this node refuses: " + bad));
      }
      CompletableFuture<Error> answer = new CompletableFuture<>();
      fanOut.submit(new FanOutCommand.Create(transport, streamId, EventFilter.of(s.getFilter()), s.getAckedRevision() + 1,
          request.getProgressNotify(), false, new SubscriptionBinding(name, entry.createRevision()), answer));
      return answer;
    });
  }

  private static Error notLeading(ClusterView view) {
    if (view.leaderReady()) {
      return null;
    }
    if (view.leaderId().equals(view.nodeId())) {
      return Cancellations.error(ErrorCode.UNAVAILABLE, "this node was just elected and is not ready to lead yet; retry");
    }
    return WatchService.notLeader(view);
  }

  /** Acknowledges events of a consume stream of this transport. */
  CompletableFuture<SubscriptionAckResponse> ack(Transport transport, SubscriptionAckRequest request) {
    Watcher w = transport.watchers.get(request.getWatchId());
    if (w == null) {
      return failed(ErrorCode.NOT_FOUND, "no open consume stream " + request.getWatchId() + " on this connection");
    }
    if (w.subscription == null) {
      return failed(ErrorCode.INVALID_ARGUMENT, "watch " + request.getWatchId()
          + " is a plain watch; only consume streams of a subscription take acknowledgements");
    }
    long revision = request.getRevision();
    long delivered = w.sentThrough();
    if (revision < 0 || revision > delivered) {
      return failed(ErrorCode.INVALID_ARGUMENT, "cannot acknowledge revision " + Long.toUnsignedString(revision)
          + ": the stream has delivered through revision " + delivered);
    }
    return acks.ack(w.subscription, revision);
  }

  private static <T> CompletableFuture<T> failed(ErrorCode code, String message) {
    return CompletableFuture.failedFuture(StreamRequestException.of(code, message));
  }
}
