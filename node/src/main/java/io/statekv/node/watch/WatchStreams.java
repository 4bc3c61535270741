package io.statekv.node.watch;

import io.statekv.node.watch.internal.StreamRequests;
import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.NodeMessage;
import java.util.concurrent.CompletableFuture;

/**
 * The watches and consume streams of one transport (a client protocol connection or an HTTP
 * event stream), whose messages go to its {@link WatchSink}.
 *
 * <p>A request that opens a stream ({@code watch_create}, {@code subscription_consume}) is
 * answered on the stream: its first message is a {@code WatchResponse} with {@code created}, sent
 * through the sink with the request's id, so the returned future completes with null; a refused
 * one completes with the error to send. Every other stream request ({@code watch_cancel}, {@code
 * watch_progress}, {@code subscription_ack}) completes with its answer. The futures never fail.
 *
 * <p>Thread-safe. Call {@link #close()} when the transport closes.
 */
public final class WatchStreams {
  private final StreamRequests requests;

  WatchStreams(StreamRequests requests) {
    this.requests = requests;
  }

  /** True for the requests this class serves. */
  public static boolean handles(ClientMessage.BodyCase body) {
    return switch (body) {
      case WATCH_CREATE, WATCH_CANCEL, WATCH_PROGRESS, SUBSCRIPTION_CONSUME, SUBSCRIPTION_ACK -> true;
      default -> false;
    };
  }

  /** Serves a stream request; see the class comment. */
  public CompletableFuture<NodeMessage> handle(ClientMessage request) {
    return requests.handle(request);
  }

  /** The sink may take more now: lagging watches get served sooner. */
  public void writabilityChanged() {
    requests.writabilityChanged();
  }

  /** The transport closed: every watch and consume stream of it ends, with nothing more sent. */
  public void close() {
    requests.close();
  }
}
