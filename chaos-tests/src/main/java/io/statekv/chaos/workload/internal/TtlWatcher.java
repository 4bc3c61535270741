package io.statekv.chaos.workload.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.statekv.chaos.checker.ChangeEvent;
import io.statekv.chaos.workload.ObserverContext;
import io.statekv.client.ListOptions;
import io.statekv.client.StateKvClient;
import io.statekv.client.WatchFilter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The ttl workload's watcher: the whole scope from the revision before the traffic. After the
 * run it waits out a grace period on the healed cluster, notes the history time, reads the
 * scope's revision and waits until the watch has delivered up to it: every expiry due before the
 * noted time, plus the checker's slack, is then in the events, since a healthy leader proposes an
 * expiry within the slack (a write that meets an expired entry deletes it first, with the same
 * event). Thread-safe.
 */
final class TtlWatcher {
  /** The run folder's record of the events. */
  static final String EVENTS_FILE = "ttl-events.jsonl";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String scope;
  private final Duration grace;
  private ObserverContext context;
  private StateKvClient client;
  private RecordingWatcher watcher;
  private final List<String> problems = new ArrayList<>();
  private List<ChangeEvent> events = List.of();
  private long eventsCompleteUntil;

  /** @param grace how long a healed leader may take to propose an expiry that is due */
  TtlWatcher(String scope, Duration grace) {
    this.scope = scope;
    this.grace = grace;
  }

  synchronized void start(ObserverContext observerContext) {
    context = observerContext;
    client = context.clients().apply(0);
    long from = 1;
    try {
      from = client.list(scope, ListOptions.DEFAULT).revision() + 1;
    } catch (RuntimeException e) {
      problems.add("ttl: the first read failed, watching from revision 1: " + e.getMessage());
    }
    watcher = new RecordingWatcher("ttl-scope", WatchFilter.scope(scope), from);
    try {
      watcher.open(client);
    } catch (RuntimeException e) {
      problems.add("ttl: could not open the watch: " + e.getMessage());
      watcher = null;
    }
  }

  /** Brings the watcher up to date, stops it and closes its client; returns the problems. */
  synchronized List<String> stop(StateKvClient reader, Duration timeout) {
    if (context == null) {
      return List.of();
    }
    try {
      if (watcher != null && !timeout.isZero()) {
        catchUp(reader, timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problems.add("ttl: interrupted while the watcher caught up");
    } catch (RuntimeException e) {
      problems.add("ttl: the last read failed, so expiry events are not judged: "
          + e.getMessage());
    } finally {
      if (watcher != null) {
        watcher.stop();
        events = watcher.received();
      }
      client.close();
    }
    writeEvents();
    return List.copyOf(problems);
  }

  private void catchUp(StateKvClient reader, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long completeUntil = context.clock().getAsLong();
    Thread.sleep(grace.toMillis());
    long revision = reader.list(scope, ListOptions.DEFAULT).revision();
    if (watcher.awaitRevision(revision, deadline)) {
      eventsCompleteUntil = completeUntil;
    } else {
      problems.add("ttl: the watcher did not reach revision " + revision + " ("
          + watcher.observation().error() + "), so expiry events are not judged");
    }
  }

  private void writeEvents() {
    try (BufferedWriter out = Files.newBufferedWriter(context.folder().resolve(EVENTS_FILE))) {
      for (ChangeEvent event : events) {
        out.write(JSON.writeValueAsString(RecordingWatcher.toJson("ttl-scope", event)));
        out.newLine();
      }
    } catch (IOException e) {
      problems.add("ttl: cannot write " + EVENTS_FILE + ": " + e.getMessage());
    }
  }

  /** The events the watcher received, in delivery order; empty before {@link #stop}. */
  synchronized List<ChangeEvent> events() {
    return events;
  }

  /** The history time up to which the events are complete, 0 when they are not judged. */
  synchronized long eventsCompleteUntil() {
    return eventsCompleteUntil;
  }
}
