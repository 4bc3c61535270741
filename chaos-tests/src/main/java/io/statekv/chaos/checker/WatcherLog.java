package io.statekv.chaos.checker;

import java.util.List;
import java.util.Objects;

/**
 * What one watcher saw, across every resume and failover of its client. Immutable.
 *
 * @param id a name for messages
 * @param startRevision the revision the watch started from
 * @param selector what it asked for
 * @param received the events delivered to the application, in delivery order
 * @param progressRevision the highest revision a progress notification said the watcher was
 *     up to date with, or 0 if none came
 */
public record WatcherLog(String id, long startRevision, WatchSelector selector,
    List<ChangeEvent> received, long progressRevision) {

  public WatcherLog {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(selector, "selector");
    received = List.copyOf(received);
    if (startRevision < 1) {
      throw new IllegalArgumentException("start revision must be at least 1, got "
          + startRevision);
    }
  }

  /** The highest revision the watcher knows it has seen everything up to. */
  public long lastSeenRevision() {
    long last = Math.max(progressRevision, startRevision - 1);
    for (ChangeEvent event : received) {
      last = Math.max(last, event.revision());
    }
    return last;
  }
}
