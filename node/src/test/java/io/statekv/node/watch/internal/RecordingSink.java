package io.statekv.node.watch.internal;

import io.statekv.node.watch.WatchSink;
import io.statekv.protocol.v1.Event;
import io.statekv.protocol.v1.WatchResponse;
import java.util.ArrayList;
import java.util.List;

/** A transport for fan-out tests: records what is sent, and can refuse more (like a full socket). */
final class RecordingSink implements WatchSink {
  /** One response, with the time it was sent. */
  record Sent(long streamId, WatchResponse response, long atNanos) {}

  private final List<Sent> sent = new ArrayList<>();
  private final List<Long> flushedAtNanos = new ArrayList<>();
  private volatile boolean writable = true;

  void writable(boolean value) {
    writable = value;
  }

  @Override
  public boolean writable() {
    return writable;
  }

  @Override
  public synchronized void send(long streamId, WatchResponse response) {
    sent.add(new Sent(streamId, response, System.nanoTime()));
  }

  @Override
  public synchronized void flush() {
    flushedAtNanos.add(System.nanoTime());
  }

  /** When the first response on a stream was sent, or -1 if none was. */
  synchronized long firstSentAtNanos(long streamId) {
    return sent.stream().filter(s -> s.streamId() == streamId).mapToLong(Sent::atNanos).findFirst().orElse(-1);
  }

  /** Whether a flush came at or after {@code nanos}: the round that sent then has ended. */
  synchronized boolean flushedSince(long nanos) {
    return flushedAtNanos.stream().anyMatch(f -> f - nanos >= 0);
  }

  /** The responses of a stream: those sent on it, and those shared with it (as a client reads them). */
  synchronized List<WatchResponse> responses(long streamId) {
    return sent.stream()
        .filter(s -> s.streamId() == streamId || s.response().getAlsoRequestIdsList().contains(streamId))
        .map(Sent::response).toList();
  }

  /** Every response sent with events, each once however many streams it is for. */
  synchronized List<Sent> eventResponses() {
    return sent.stream().filter(s -> s.response().getEventsCount() > 0).toList();
  }

  synchronized int count() {
    return sent.size();
  }

  /** Every event sent on a stream, in order. */
  synchronized List<Event> events(long streamId) {
    List<Event> out = new ArrayList<>();
    for (WatchResponse r : responses(streamId)) {
      out.addAll(r.getEventsList());
    }
    return out;
  }

  synchronized WatchResponse last(long streamId) {
    List<WatchResponse> all = responses(streamId);
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }
}
