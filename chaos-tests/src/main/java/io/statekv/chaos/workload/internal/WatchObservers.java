package io.statekv.chaos.workload.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.statekv.chaos.checker.ChangeEvent;
import io.statekv.chaos.checker.CommittedLog;
import io.statekv.chaos.checker.WatchObservation;
import io.statekv.chaos.workload.ObserverContext;
import io.statekv.client.EventType;
import io.statekv.client.ListOptions;
import io.statekv.client.ListPage;
import io.statekv.client.StateKvClient;
import io.statekv.client.WatchFilter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The watchers of a watch workload run, and its reference watch. Three watchers, each with its
 * own client: the whole scope from the first revision of the traffic, opened before it starts;
 * one key, opened a third into the traffic, 20 revisions behind the newest acknowledged write; and
 * creations and deletions only, opened two thirds in, 40 revisions behind (a watch that starts in
 * the past is served from a node's history, across the faults in force then). After the run each
 * is brought up to the final read's revision; then a reference watch, opened on a healed cluster
 * from the first revision of the traffic (or from the oldest one a node still holds, when that has
 * been compacted), gives the committed log. Thread-safe.
 */
final class WatchObservers {
  /** The run folder's record of every event each watcher received. */
  static final String EVENTS_FILE = "watch-events.jsonl";
  /** How far behind the newest acknowledged write the later watchers start. */
  static final long SECOND_WATCHER_LAG = 20;
  static final long THIRD_WATCHER_LAG = 40;
  /** The reference watch reopens at most this often after compaction. */
  private static final int REFERENCE_ATTEMPTS_MAX = 4;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String scope;
  private final AtomicLong highestAcknowledged = new AtomicLong();
  private final AtomicLong finalRevision = new AtomicLong();
  private final List<RecordingWatcher> watchers = new ArrayList<>();
  private final List<StateKvClient> clients = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private ScheduledExecutorService scheduler;
  private ObserverContext context;
  private long startRevision = 1;
  private long emptyAtRevision;
  private CommittedLog reference;
  private RecordingWatcher referenceWatcher;
  private List<WatchObservation> observations = List.of();

  WatchObservers(String scope) {
    this.scope = scope;
  }

  /** A write acknowledged this revision. */
  void acknowledged(long revision) {
    highestAcknowledged.accumulateAndGet(revision, Math::max);
  }

  /** The final read answered at this revision. */
  void finalRevision(long revision) {
    finalRevision.set(revision);
  }

  /** Reads where the traffic starts, opens the first watcher and schedules the others. */
  synchronized void start(ObserverContext observerContext) {
    context = observerContext;
    StateKvClient client = client();
    try {
      ListPage page = client.list(scope, ListOptions.DEFAULT);
      startRevision = page.revision() + 1;
      emptyAtRevision = page.entries().isEmpty() ? page.revision() : 0;
    } catch (RuntimeException e) {
      problems.add("watch: the first read failed, watching from revision 1: " + e.getMessage());
    }
    open(new RecordingWatcher("w1-scope", WatchFilter.scope(scope), startRevision), client);
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "chaos-watchers");
      thread.setDaemon(true);
      return thread;
    });
    long third = context.timeLimit().toMillis() / 3;
    scheduler.schedule(() -> openLater("w2-key-k1", WatchFilter.scope(scope).withKey("k1"),
        SECOND_WATCHER_LAG), third, TimeUnit.MILLISECONDS);
    scheduler.schedule(() -> openLater("w3-created-deleted", WatchFilter.scope(scope)
        .withKeyPrefix("k").withEventTypes(EventType.CREATED, EventType.DELETED),
        THIRD_WATCHER_LAG), 2 * third, TimeUnit.MILLISECONDS);
  }

  private void openLater(String id, WatchFilter filter, long lag) {
    long from = Math.max(startRevision, highestAcknowledged.get() - lag);
    synchronized (this) {
      if (!scheduler.isShutdown()) {
        open(new RecordingWatcher(id, filter, from), client());
      }
    }
  }

  private void open(RecordingWatcher watcher, StateKvClient client) {
    try {
      watcher.open(client);
      watchers.add(watcher);
    } catch (RuntimeException e) {
      problems.add("watch: could not open " + watcher.id() + ": " + e.getMessage());
    }
  }

  private StateKvClient client() {
    StateKvClient client = context.clients().apply(clients.size());
    clients.add(client);
    return client;
  }

  /**
   * Brings every watcher up to the final read's revision, stops it, reads the reference log,
   * records the events in the run folder and closes the clients. Returns the problems met.
   */
  synchronized List<String> stop(Duration timeout) {
    if (context == null || scheduler == null) {
      return List.copyOf(problems);
    }
    scheduler.shutdownNow();
    long deadline = System.nanoTime() + timeout.toNanos();
    long target = finalRevision.get();
    try {
      if (target == 0) {
        problems.add("watch: no final read, so the watchers were not brought up to date");
      }
      for (RecordingWatcher watcher : watchers) {
        watcher.awaitRevision(target, deadline);
      }
      readReference(target, deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problems.add("watch: interrupted while the watchers caught up");
    } finally {
      watchers.forEach(RecordingWatcher::stop);
      if (referenceWatcher != null) {
        referenceWatcher.stop();
      }
      observations = watchers.stream().map(RecordingWatcher::observation).toList();
      clients.forEach(StateKvClient::close);
    }
    reference = referenceLog();
    writeEvents(context.folder().resolve(EVENTS_FILE));
    return List.copyOf(problems);
  }

  private void readReference(long target, long deadline) throws InterruptedException {
    long from = startRevision;
    StateKvClient client = client();
    for (int attempt = 0; attempt < REFERENCE_ATTEMPTS_MAX; attempt++) {
      referenceWatcher = new RecordingWatcher("reference", WatchFilter.scope(scope), from);
      try {
        referenceWatcher.open(client);
      } catch (RuntimeException e) {
        problems.add("watch: could not open the reference watch: " + e.getMessage());
        referenceWatcher = null;
        return;
      }
      if (referenceWatcher.awaitRevision(target, deadline)
          || referenceWatcher.compactedOldest() <= from) {
        return;
      }
      // The revisions the traffic started with have left every node's history: judge from the
      // oldest one still held. The watchers' earlier events are then checked against the writes
      // only.
      from = referenceWatcher.compactedOldest();
      problems.add("watch: the reference log starts at revision " + from
          + ", the older ones were compacted");
    }
  }

  private CommittedLog referenceLog() {
    if (referenceWatcher == null) {
      return null;
    }
    WatchObservation seen = referenceWatcher.observation();
    if (seen.error() != null) {
      problems.add("watch: the reference watch ended with " + seen.error());
    }
    // Sorted so the log can be built, and without events before its start, which the log cannot
    // hold: the reference's own order and start are judged as a watcher's.
    long from = seen.log().startRevision();
    List<ChangeEvent> events = new ArrayList<>(seen.log().received().stream()
        .filter(e -> e.revision() >= from).toList());
    events.sort(Comparator.comparingLong(ChangeEvent::revision));
    return new CommittedLog(seen.log().startRevision(), seen.log().lastSeenRevision(), events);
  }

  private void writeEvents(Path file) {
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      List<RecordingWatcher> all = new ArrayList<>(watchers);
      if (referenceWatcher != null) {
        all.add(referenceWatcher);
      }
      for (RecordingWatcher watcher : all) {
        for (ChangeEvent event : watcher.received()) {
          out.write(JSON.writeValueAsString(RecordingWatcher.toJson(watcher.id(), event)));
          out.newLine();
        }
      }
    } catch (IOException e) {
      problems.add("watch: cannot write " + file + ": " + e.getMessage());
    }
  }

  /** The committed log, or null when the observers never ran. */
  synchronized CommittedLog reference() {
    return reference;
  }

  /** The watchers (not the reference), as the checkers take them. */
  synchronized List<WatchObservation> watchers() {
    return observations;
  }

  /** The reference watch, for the order of its own events; null when it never ran. */
  synchronized WatchObservation referenceObservation() {
    return referenceWatcher == null ? null : referenceWatcher.observation();
  }

  /** A revision at which the scope was read empty, or 0. */
  synchronized long emptyAtRevision() {
    return emptyAtRevision;
  }
}
