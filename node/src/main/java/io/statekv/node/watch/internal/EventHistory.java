package io.statekv.node.watch.internal;

import io.statekv.storage.Event;
import java.util.List;

/**
 * The node's bounded history of recent change events, one {@link HistoryBatch} per revision that
 * produced events, in revision order.
 *
 * <p><b>What it covers.</b> The history holds every event of the revisions in {@code (floor,
 * applied]}: a read from any revision above {@link #floor()} is complete. Revisions at or below
 * the floor have left it: evicted to stay within {@code eventsMax} events and {@code bytesMax}
 * bytes (oldest first, always keeping the newest batch, since one revision cannot be split), or
 * never produced here because the store was replaced by a snapshot ({@link #reset}). {@link
 * #resetFloor()} tells the two apart: revisions at or below it were never produced here.
 *
 * <p><b>Threads.</b> The apply thread appends and resets; the fan-out thread reads. Every method
 * holds the monitor briefly: a read copies batch references out, never events.
 */
public final class EventHistory {
  private final int eventsMax;
  private final long bytesMax;
  private HistoryBatch[] ring = new HistoryBatch[16];
  private int first;
  private int size;
  private long events;
  private long bytes;
  private long floor;
  private long resetFloor;
  private long applied;

  /**
   * @param eventsMax events held at most ({@code watch_history_events_max})
   * @param bytesMax estimated bytes held at most
   */
  public EventHistory(int eventsMax, long bytesMax) {
    if (eventsMax < 1 || bytesMax < 1) {
      throw new IllegalArgumentException("history bounds must be positive: " + eventsMax + " events, " + bytesMax + " bytes");
    }
    this.eventsMax = eventsMax;
    this.bytesMax = bytesMax;
  }

  /** The entry at {@code revision} was applied with these events (possibly none). Log order only. */
  public synchronized void append(long revision, List<Event> applied) {
    if (revision <= this.applied) {
      throw new IllegalStateException("revision " + revision + " applied after " + this.applied + ": the log runs backwards");
    }
    this.applied = revision;
    if (applied.isEmpty()) {
      return;
    }
    push(new HistoryBatch(revision, applied));
    while (size > 1 && (events > eventsMax || bytes > bytesMax)) {
      evictOldest();
    }
  }

  /** The store was replaced by a snapshot at {@code revision}: nothing at or below it was produced here. */
  public synchronized void reset(long revision) {
    java.util.Arrays.fill(ring, null);
    first = 0;
    size = 0;
    events = 0;
    bytes = 0;
    floor = revision;
    resetFloor = revision;
    applied = revision;
  }

  /** Revisions at or below it are no longer held; a watch must start above it. */
  public synchronized long floor() {
    return floor;
  }

  /** Revisions at or below it were never produced by this node (the latest snapshot reset). */
  public synchronized long resetFloor() {
    return resetFloor;
  }

  /** The newest applied revision. */
  public synchronized long applied() {
    return applied;
  }

  /** Events held now. */
  public synchronized long events() {
    return events;
  }

  /**
   * Copies the batches of revisions {@code from..to} (inclusive, {@code to} capped at the applied
   * revision) into {@code out}, stopping once they hold {@code eventsBudget} events (at least one
   * batch is copied when there is one).
   *
   * @return the revision through which the read is complete: every event of {@code from..}it is
   *     in {@code out}; {@code from - 1} when nothing is applied at or after {@code from} yet; or
   *     -1 when {@code from} is at or below the floor (the events are gone)
   */
  synchronized long read(long from, long to, int eventsBudget, List<HistoryBatch> out) {
    if (from <= floor) {
      return -1;
    }
    long end = Math.min(to, applied);
    if (end < from) {
      return from - 1;
    }
    int copied = 0;
    for (int i = firstAtOrAfter(from); i < size; i++) {
      HistoryBatch b = at(i);
      if (b.revision() > end) {
        break;
      }
      if (copied > 0 && copied + b.size() > eventsBudget) {
        return b.revision() - 1;
      }
      out.add(b);
      copied += b.size();
    }
    return end;
  }

  private int firstAtOrAfter(long revision) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (at(mid).revision() < revision) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private HistoryBatch at(int i) {
    return ring[(first + i) & (ring.length - 1)];
  }

  private void push(HistoryBatch b) {
    if (size == ring.length) {
      HistoryBatch[] grown = new HistoryBatch[ring.length * 2];
      for (int i = 0; i < size; i++) {
        grown[i] = at(i);
      }
      ring = grown;
      first = 0;
    }
    ring[(first + size) & (ring.length - 1)] = b;
    size++;
    events += b.size();
    bytes += b.bytes();
  }

  private void evictOldest() {
    HistoryBatch b = ring[first];
    ring[first] = null;
    first = (first + 1) & (ring.length - 1);
    size--;
    events -= b.size();
    bytes -= b.bytes();
    floor = b.revision();
  }
}
