package io.statekv.node.watch.internal;

import io.statekv.storage.Event;
import java.util.List;

/**
 * The events of one revision in the history. The revision and events are immutable and shared;
 * the prepared forms are built lazily by the fan-out thread, the only one that touches them.
 */
final class HistoryBatch {
  /** What one event costs the history beyond its scope, key and value bytes (object headers, references). */
  static final int EVENT_OVERHEAD_BYTES = 160;

  private final long revision;
  private final List<Event> events;
  private final long bytes;
  private PreparedEvent[] prepared;

  HistoryBatch(long revision, List<Event> events) {
    if (events.isEmpty()) {
      throw new IllegalArgumentException("a history batch holds at least one event");
    }
    this.revision = revision;
    this.events = List.copyOf(events);
    long total = 0;
    for (Event e : this.events) {
      if (e.revision() != revision) {
        throw new IllegalArgumentException("event of revision " + e.revision() + " in the batch of revision " + revision);
      }
      total += EVENT_OVERHEAD_BYTES + 2L * (e.scope().length() + e.key().length())
          + (e.oldValue() == null ? 0 : e.oldValue().size()) + (e.newValue() == null ? 0 : e.newValue().size());
    }
    this.bytes = total;
  }

  long revision() {
    return revision;
  }

  int size() {
    return events.size();
  }

  /** An estimate of the memory the batch holds. */
  long bytes() {
    return bytes;
  }

  /** The prepared events; fan-out thread only. */
  PreparedEvent[] prepared() {
    if (prepared == null) {
      PreparedEvent[] p = new PreparedEvent[events.size()];
      for (int i = 0; i < p.length; i++) {
        p[i] = new PreparedEvent(events.get(i));
      }
      prepared = p;
    }
    return prepared;
  }
}
