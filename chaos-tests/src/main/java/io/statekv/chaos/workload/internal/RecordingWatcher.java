package io.statekv.chaos.workload.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statekv.chaos.checker.ChangeEvent;
import io.statekv.chaos.checker.WatchObservation;
import io.statekv.chaos.checker.WatchSelector;
import io.statekv.chaos.checker.WatcherLog;
import io.statekv.client.CompactedException;
import io.statekv.client.EventType;
import io.statekv.client.StateKvClient;
import io.statekv.client.StateKvException;
import io.statekv.client.Watch;
import io.statekv.client.WatchEvent;
import io.statekv.client.WatchFilter;
import io.statekv.client.WatchListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One watcher of a chaos run: a watch opened through the Java client at a chosen start revision,
 * with progress notifications, recording every event the client delivers, in delivery order,
 * across the client's resumes. Thread-safe: the client's I/O thread records while the run's
 * thread reads.
 */
public final class RecordingWatcher implements WatchListener {
  /** How often a watcher that is catching up asks its node for a progress notification. */
  private static final long PROGRESS_REQUEST_INTERVAL_NANOS = 500_000_000L;
  private static final long POLL_MILLIS = 50;

  private final String id;
  private final WatchFilter filter;
  private final long startRevision;
  private final List<ChangeEvent> received = new ArrayList<>();
  private long progressRevision;
  private StateKvException error;
  private Watch watch;

  /**
   * @param id a name for messages
   * @param filter what to watch; changed paths are not supported (the checkers cannot model them)
   * @param startRevision the first revision to deliver, at least 1
   */
  public RecordingWatcher(String id, WatchFilter filter, long startRevision) {
    this.id = Objects.requireNonNull(id, "id");
    this.filter = Objects.requireNonNull(filter, "filter");
    if (!filter.changedPaths().isEmpty()) {
      throw new IllegalArgumentException("the checkers cannot judge a changed-paths filter");
    }
    if (startRevision < 1) {
      throw new IllegalArgumentException("start revision must be at least 1, got "
          + startRevision);
    }
    this.startRevision = startRevision;
  }

  /** Opens the watch through {@code client}, which must stay open until {@link #stop()}. */
  public void open(StateKvClient client) {
    Watch opened = client.watch(filter, startRevision, this, true);
    synchronized (this) {
      watch = opened;
    }
  }

  public String id() {
    return id;
  }

  public long startRevision() {
    return startRevision;
  }

  /** The selector the checkers use for this watcher's filter. */
  public WatchSelector selector() {
    Set<String> types = filter.eventTypes().stream().map(EventType::wireName)
        .collect(Collectors.toSet());
    return new WatchSelector(blankToNull(filter.scope()), blankToNull(filter.key()),
        blankToNull(filter.keyPrefix()), types);
  }

  @Override
  public synchronized void onEvents(List<WatchEvent> events) {
    for (WatchEvent event : events) {
      received.add(toChangeEvent(event));
    }
  }

  @Override
  public synchronized void onProgress(long revision) {
    progressRevision = Math.max(progressRevision, revision);
  }

  @Override
  public synchronized void onError(StateKvException e) {
    error = e;
  }

  /**
   * Waits until the watch has delivered everything up to {@code revision}, or ended, or the
   * deadline passed; asks for progress notifications meanwhile. Returns whether it caught up.
   */
  public boolean awaitRevision(long revision, long deadlineNanos) throws InterruptedException {
    long nextRequest = System.nanoTime();
    while (System.nanoTime() - deadlineNanos < 0) {
      Watch current;
      synchronized (this) {
        if (watch == null || error != null) {
          return false;
        }
        current = watch;
      }
      if (current.lastRevision() >= revision) {
        return true;
      }
      if (System.nanoTime() - nextRequest >= 0) {
        nextRequest = System.nanoTime() + PROGRESS_REQUEST_INTERVAL_NANOS;
        requestProgress(current);
      }
      Thread.sleep(POLL_MILLIS);
    }
    return false;
  }

  private static void requestProgress(Watch current) {
    try {
      current.requestProgress();
    } catch (RuntimeException e) {
      // The watch is between nodes; the client resumes it and the next request goes through.
    }
  }

  /** Cancels the watch; nothing is recorded after this returns. Idempotent. */
  public void stop() {
    Watch current;
    synchronized (this) {
      current = watch;
    }
    if (current != null) {
      current.cancel();
    }
  }

  /**
   * What the watcher saw. The last revision it vouches for is the higher of its progress
   * notifications and the client's {@link Watch#lastRevision()}. Call after {@link #stop()}.
   */
  public synchronized WatchObservation observation() {
    long last = watch == null ? 0 : watch.lastRevision();
    WatcherLog log = new WatcherLog(id, startRevision, selector(), received,
        Math.max(progressRevision, last));
    String ended = error == null ? null : error.getClass().getSimpleName() + ": "
        + error.getMessage();
    return new WatchObservation(log, ended, error instanceof CompactedException);
  }

  /** The events received so far, in delivery order. */
  public synchronized List<ChangeEvent> received() {
    return List.copyOf(received);
  }

  /** The oldest revision still held, when the watch ended because its history was compacted. */
  public synchronized long compactedOldest() {
    return error instanceof CompactedException c ? c.oldestRevision() : 0;
  }

  /** One line of the run folder's record of watch events. */
  public static ObjectNode toJson(String watcher, ChangeEvent event) {
    ObjectNode line = JsonNodeFactory.instance.objectNode();
    line.put("watcher", watcher).put("revision", event.revision()).put("type", event.type())
        .put("scope", event.scope()).put("key", event.key()).set("value", event.value());
    line.put("reason", event.reason());
    return line;
  }

  /** The checkers' form of a client event. */
  public static ChangeEvent toChangeEvent(WatchEvent event) {
    return new ChangeEvent(event.revision(), event.scope(), event.key(), event.type().wireName(),
        event.newValue(), event.reason());
  }

  private static String blankToNull(String text) {
    return text.isEmpty() ? null : text;
  }
}
