package io.statekv.node.watch;

import io.statekv.protocol.v1.WatchResponse;

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

  /** Pushes what was queued to the transport. */
  void flush();
}
