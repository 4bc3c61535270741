package io.statekv.chaos.checker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks watchers against the committed log. A watcher must receive, from its start revision up
 * to the last revision it saw (through an event or a progress notification), exactly the
 * committed events its selector matches, in revision order, with the events of one revision
 * together and in apply order. Anomalies:
 *
 * <ul>
 *   <li>{@code out-of-order}: an event with a lower revision than the one before it (this also
 *       catches a revision split by another);
 *   <li>{@code before-start}: an event older than the watch's start revision;
 *   <li>{@code gap}: a committed, matching event that was never delivered;
 *   <li>{@code duplicate}: an event delivered more often than it was committed;
 *   <li>{@code unexpected}: an event never committed, or one the selector does not match;
 *   <li>{@code reordered}: the events of one revision in another order than applied.
 * </ul>
 *
 * <p>Only revisions the log covers are judged; events beyond it are counted as unchecked. With no
 * watcher range to judge the verdict is unknown. Stateless and thread-safe.
 */
public final class WatchChecker {
  /** The checker's name in results. */
  public static final String NAME = "watch";

  private WatchChecker() {}

  /** Checks each watcher against the log. */
  public static CheckResult check(CommittedLog log, List<WatcherLog> watchers) {
    List<Anomaly> anomalies = new ArrayList<>();
    Map<String, Long> stats = new LinkedHashMap<>();
    stats.put("watchers", (long) watchers.size());
    stats.put("events-received", 0L);
    stats.put("events-checked", 0L);
    stats.put("events-unchecked", 0L);
    boolean anyJudged = false;
    for (WatcherLog watcher : watchers) {
      anyJudged |= checkWatcher(log, watcher, anomalies, stats);
    }
    return CheckResult.of(NAME, anomalies, stats, anyJudged,
        "no watcher saw a revision range the committed log covers");
  }

  private static boolean checkWatcher(CommittedLog log, WatcherLog watcher,
      List<Anomaly> anomalies, Map<String, Long> stats) {
    checkOrder(watcher, anomalies);
    long from = Math.max(watcher.startRevision(), log.firstRevision());
    long to = Math.min(watcher.lastSeenRevision(), log.lastRevision());
    NavigableMap<Long, List<ChangeEvent>> received = new TreeMap<>();
    for (ChangeEvent event : watcher.received()) {
      if (event.revision() < watcher.startRevision()) {
        anomalies.add(Anomaly.of("before-start", watcher.id() + " received " + event
            + " but started at revision " + watcher.startRevision()));
      } else if (event.revision() >= from && event.revision() <= to) {
        received.computeIfAbsent(event.revision(), r -> new ArrayList<>()).add(event);
        stats.merge("events-checked", 1L, Long::sum);
      } else {
        stats.merge("events-unchecked", 1L, Long::sum);
      }
    }
    stats.merge("events-received", (long) watcher.received().size(), Long::sum);
    NavigableMap<Long, List<ChangeEvent>> committed = log.between(from, to);
    TreeSet<Long> revisions = new TreeSet<>(received.keySet());
    revisions.addAll(committed.keySet());
    for (long revision : revisions) {
      List<ChangeEvent> expected = committed.getOrDefault(revision, List.of()).stream()
          .filter(watcher.selector()).toList();
      compareRevision(watcher, log.at(revision), expected,
          received.getOrDefault(revision, List.of()), anomalies);
    }
    return from <= to;
  }

  private static void checkOrder(WatcherLog watcher, List<Anomaly> anomalies) {
    List<ChangeEvent> events = watcher.received();
    for (int i = 1; i < events.size(); i++) {
      if (events.get(i).revision() < events.get(i - 1).revision()) {
        anomalies.add(Anomaly.of("out-of-order", watcher.id() + " received " + events.get(i)
            + " after " + events.get(i - 1)));
        return;
      }
    }
  }

  private static void compareRevision(WatcherLog watcher, List<ChangeEvent> committed,
      List<ChangeEvent> expected, List<ChangeEvent> received, List<Anomaly> anomalies) {
    Map<ChangeEvent, int[]> counts = new LinkedHashMap<>();
    expected.forEach(e -> counts.computeIfAbsent(e, k -> new int[2])[0]++);
    received.forEach(e -> counts.computeIfAbsent(e, k -> new int[2])[1]++);
    boolean sameEvents = true;
    for (Map.Entry<ChangeEvent, int[]> entry : counts.entrySet()) {
      ChangeEvent event = entry.getKey();
      int wanted = entry.getValue()[0];
      int got = entry.getValue()[1];
      if (wanted == got) {
        continue;
      }
      sameEvents = false;
      if (wanted > got) {
        anomalies.add(Anomaly.of("gap", watcher.id() + " never received " + event));
      } else if (wanted > 0) {
        anomalies.add(Anomaly.of("duplicate", watcher.id() + " received " + event + " " + got
            + " times"));
      } else {
        String why = committed.contains(event)
            ? "which its selector " + watcher.selector() + " does not match"
            : "which was never committed";
        anomalies.add(Anomaly.of("unexpected", watcher.id() + " received " + event + ", " + why));
      }
    }
    if (sameEvents && !expected.equals(received)) {
      anomalies.add(Anomaly.of("reordered", watcher.id() + " received revision "
          + expected.get(0).revision() + " as " + received + " but it was applied as "
          + expected));
    }
  }
}
