package io.statekv.chaos.checker;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Every change committed in a range of revisions, in log order: the reference a watcher's events
 * are compared with. Within one revision (a transaction) events keep their apply order.
 * Immutable.
 */
public final class CommittedLog {
  private final long firstRevision;
  private final long lastRevision;
  private final NavigableMap<Long, List<ChangeEvent>> byRevision = new TreeMap<>();

  /**
   * @param firstRevision the first revision this log covers completely
   * @param lastRevision the last revision this log covers completely
   * @param events every event with a revision in that range, in log order
   * @throws IllegalArgumentException if the events are out of order or outside the range
   */
  public CommittedLog(long firstRevision, long lastRevision, List<ChangeEvent> events) {
    if (firstRevision < 1 || lastRevision < firstRevision - 1) {
      throw new IllegalArgumentException(
          "bad revision range [" + firstRevision + ", " + lastRevision + "]");
    }
    this.firstRevision = firstRevision;
    this.lastRevision = lastRevision;
    long previous = 0;
    for (ChangeEvent event : events) {
      if (event.revision() < previous || event.revision() < firstRevision
          || event.revision() > lastRevision) {
        throw new IllegalArgumentException("committed event out of order or range: " + event);
      }
      previous = event.revision();
      byRevision.computeIfAbsent(event.revision(), r -> new ArrayList<>()).add(event);
    }
    byRevision.replaceAll((revision, list) -> List.copyOf(list));
  }

  public long firstRevision() {
    return firstRevision;
  }

  public long lastRevision() {
    return lastRevision;
  }

  /** The events of one revision, in apply order; empty if it changed nothing. */
  public List<ChangeEvent> at(long revision) {
    return byRevision.getOrDefault(revision, List.of());
  }

  /** The events between two revisions inclusive, grouped by revision. */
  public NavigableMap<Long, List<ChangeEvent>> between(long from, long to) {
    return from > to ? Collections.emptyNavigableMap()
        : Collections.unmodifiableNavigableMap(byRevision.subMap(from, true, to, true));
  }
}
