package io.statekv.node.watch.internal;

import io.statekv.node.watch.WatchFilterRules;
import io.statekv.node.watch.WatchSink;
import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.Error;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.protocol.v1.NodeMessage;
import io.statekv.protocol.v1.WatchCreateRequest;
import io.statekv.protocol.v1.WatchResponse;
import io.statekv.raft.ReplicaException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The stream requests of one transport: watch create, cancel and progress, subscription consume
 * and acknowledgement. See {@code io.statekv.node.watch.WatchStreams} for the contract.
 * Thread-safe.
 */
public final class StreamRequests {
  private final FanOut fanOut;
  private final Transport transport;
  private final Subscriptions subscriptions;

  public StreamRequests(FanOut fanOut, WatchSink sink, Subscriptions subscriptions) {
    this.fanOut = fanOut;
    this.transport = fanOut.transport(sink);
    this.subscriptions = subscriptions;
  }

  public CompletableFuture<NodeMessage> handle(ClientMessage request) {
    long requestId = request.getRequestId();
    CompletableFuture<NodeMessage> answer = switch (request.getBodyCase()) {
      case WATCH_CREATE -> stream(create(requestId, request.getWatchCreate()), requestId);
      case SUBSCRIPTION_CONSUME -> stream(subscriptions.consume(transport, requestId, request.getSubscriptionConsume()), requestId);
      case WATCH_CANCEL -> watchAnswer(requestId, request.getWatchCancel().getWatchId(), true,
          command(done -> new FanOutCommand.Cancel(transport, request.getWatchCancel().getWatchId(), done)));
      case WATCH_PROGRESS -> watchAnswer(requestId, request.getWatchProgress().getWatchId(), false,
          command(done -> new FanOutCommand.Progress(transport, request.getWatchProgress().getWatchId(), done)));
      case SUBSCRIPTION_ACK -> subscriptions.ack(transport, request.getSubscriptionAck())
          .thenApply(ack -> NodeMessage.newBuilder().setRequestId(requestId).setSubscriptionAck(ack).build());
      default -> throw new IllegalArgumentException("not a stream request: " + request.getBodyCase());
    };
    return answer.exceptionally(failure -> error(requestId, errorOf(failure)));
  }

  private CompletableFuture<Error> create(long streamId, WatchCreateRequest create) {
    String problem = WatchFilterRules.check(create.getFilter());
    if (problem == null && create.getStartRevision() < 0) {
      problem = "start_revision is out of range: " + Long.toUnsignedString(create.getStartRevision());
    }
    if (problem != null) {
      return CompletableFuture.completedFuture(Cancellations.error(ErrorCode.INVALID_ARGUMENT, problem));
    }
    return command(answer -> new FanOutCommand.Create(transport, streamId, EventFilter.of(create.getFilter()),
        create.getStartRevision(), create.getProgressNotify(), create.getSharedResponses(), null, answer));
  }

  private CompletableFuture<Error> command(java.util.function.Function<CompletableFuture<Error>, FanOutCommand> make) {
    CompletableFuture<Error> answer = new CompletableFuture<>();
    fanOut.submit(make.apply(answer));
    return answer;
  }

  /** A stream opener's answer: none when it started (the stream carries its messages), else its error. */
  private static CompletableFuture<NodeMessage> stream(CompletableFuture<Error> started, long requestId) {
    return started.thenApply(error -> error == null ? null : error(requestId, error));
  }

  private static CompletableFuture<NodeMessage> watchAnswer(
      long requestId, long watchId, boolean canceled, CompletableFuture<Error> done) {
    return done.thenApply(error -> error != null ? error(requestId, error) : NodeMessage.newBuilder()
        .setRequestId(requestId)
        .setWatch(WatchResponse.newBuilder().setWatchId(watchId).setCanceled(canceled))
        .build());
  }

  private static NodeMessage error(long requestId, Error error) {
    return NodeMessage.newBuilder().setRequestId(requestId).setError(error).build();
  }

  private static Error errorOf(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof StreamRequestException refused) {
      return refused.error();
    }
    if (cause instanceof ReplicaException replica) {
      return Cancellations.error(replica.code(), String.valueOf(replica.getMessage())).toBuilder()
          .setLeaderId(replica.leaderId()).setLeaderAddress(replica.leaderAddress()).build();
    }
    return Cancellations.error(ErrorCode.INTERNAL, "internal error: " + cause);
  }

  public void writabilityChanged() {
    fanOut.wake();
  }

  /** The transport closed: its watches end. */
  public void close() {
    transport.markClosed();
    fanOut.submit(new FanOutCommand.Close(transport));
  }
}
