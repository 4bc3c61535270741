package io.statekv.node.watch;

import io.statekv.protocol.v1.WatchResponse;
import java.util.List;

/**
 * Where the messages of a transport's watches go: a client protocol connection, or an HTTP
 * event stream. The fan-out thread calls {@link #send} and {@link #flush}; any thread may call
 * {@link #writable}.
 *
 * <p>The fan-out sends only while the sink is writable (and a small bounded amount beyond: one
 * round's responses, a cancellation), so a sink must not buffer without bound on its own: a
 * transport that cannot take more must report it through {@link #writable}.
 */
public interface WatchSink {

  /** True while the transport takes more without exceeding its outbound buffer bound. */
  boolean writable();

  /**
   * Queues one message of a watch's stream.
   *
   * @param streamId the request id of the request that opened the watch
   */
  void send(long streamId, WatchResponse response);

  /**
   * Queues one response of events: a {@link WatchResponse} with {@code watch_id}, {@code events},
   * {@code progress_revision} and {@code also_request_ids} set, and nothing else. The fan-out reuses
   * {@code events} and {@code alsoStreamIds} once this returns, so a sink must not keep them; the
   * events themselves are immutable. A sink that writes the protocol's binary form can copy each
   * event's encoded bytes rather than encode the event again; by default the response is built and
   * handed to {@link #send}.
   *
   * @param streamId the request id of the request that opened the watch
   * @param alsoStreamIds the streams of other watches the same response is for (watches created
   *     with {@code shared_responses}); usually empty
   */
  default void sendEvents(long streamId, long watchId, long[] alsoStreamIds, List<WireEvent> events,
      long progressRevision) {
    WatchResponse.Builder response = WatchResponse.newBuilder().setWatchId(watchId).setProgressRevision(progressRevision);
    for (WireEvent event : events) {
      response.addEvents(event.proto());
    }
    for (long also : alsoStreamIds) {
      response.addAlsoRequestIds(also);
    }
    send(streamId, response.build());
  }

  /** Pushes what was queued to the transport. */
  void flush();
}
