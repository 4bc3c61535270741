package io.statekv.node.watch.internal;

import io.statekv.node.watch.WatchSink;
import io.statekv.node.watch.WireEvent;
import io.statekv.protocol.v1.WatchResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The watches of one transport (a client connection or an HTTP event stream) and its sink.
 *
 * <p>The watcher map is written by the fan-out thread and read by the transport's own thread (to
 * check an acknowledgement against what a consume stream delivered); {@link #closed} is set by the
 * transport's thread. Everything else is confined to the fan-out thread.
 */
final class Transport {
  private final WatchSink sink;
  private final Consumer<Transport> onWrite;
  private final FanOutStats stats;
  final Map<Long, Watcher> watchers = new ConcurrentHashMap<>();
  private volatile boolean closed;
  /** Written to in the current fan-out round, so it needs a flush. */
  boolean touched;

  /**
   * @param onWrite told (on the fan-out thread) of every write, so the round ends with a flush
   * @param stats counts the responses written
   */
  Transport(WatchSink sink, Consumer<Transport> onWrite, FanOutStats stats) {
    this.sink = sink;
    this.onWrite = onWrite;
    this.stats = stats;
  }

  boolean writable() {
    return !closed && sink.writable();
  }

  void send(long streamId, WatchResponse response) {
    if (!closed) {
      sink.send(streamId, response);
      stats.responded(response.getEventsCount(), 1);
      onWrite.accept(this);
    }
  }

  void sendEvents(long streamId, long watchId, long[] alsoStreamIds, List<WireEvent> events, long progressRevision) {
    if (!closed) {
      sink.sendEvents(streamId, watchId, alsoStreamIds, events, progressRevision);
      stats.responded(events.size(), 1 + alsoStreamIds.length);
      onWrite.accept(this);
    }
  }

  /** Flushes the sink, closed or not, so that a sink that holds written messages hands them over (or lets them go). */
  void flush() {
    touched = false;
    sink.flush();
  }

  void markClosed() {
    closed = true;
  }

  boolean isClosed() {
    return closed;
  }

  /** True when a watch opened by {@code streamId} is still open on this transport. */
  boolean hasStream(long streamId) {
    for (Watcher w : watchers.values()) {
      if (w.streamId == streamId) {
        return true;
      }
    }
    return false;
  }
}
