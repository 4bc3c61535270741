package io.statekv.chaos.checker;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.chaos.checker.internal.JsonValues;
import io.statekv.chaos.checker.internal.WatchWrites;
import io.statekv.chaos.history.History;
import io.statekv.chaos.history.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Ties the events of a watch workload run to its writes (see {@link WatchWrites} for the ops), so
 * that the committed log the {@link WatchChecker} compares watchers with is itself checked. The
 * reference log (a watch opened after the run from the first revision of the traffic) and every
 * watcher must hold:
 *
 * <ul>
 *   <li>{@code lost-write}: every acknowledged write in the range it covers, at its acknowledged
 *       revision, with its acknowledged type and value;
 *   <li>{@code phantom}: no event that no write could have produced: a value no set or update
 *       wrote, one of a write that failed, another value or revision than the write acknowledged,
 *       a deletion with no acknowledged delete at that revision and no indeterminate delete of the
 *       key left to explain it, or an expiry (the workload sets no TTL);
 *   <li>{@code duplicate-write}: no write applied twice.
 * </ul>
 *
 * The reference alone must replay: {@code impossible-event} is a creation of a present key, or
 * an update or deletion of an absent one; {@code final-state} a key whose replayed value at the
 * final read's revision differs from what that read returned. {@code revision-order}: a write
 * acknowledged with a revision at or below that of a write that completed before it began.
 * {@code stalled}: a watcher (or the reference) that ran until cancelled but never vouched for the
 * final read's revision; {@code watch-failed}: a watch that ended with an error other than
 * compaction, which the contract allows and which is counted. Stateless and thread-safe.
 */
public final class WatchWriteChecker {
  /** The checker's name in results. */
  public static final String NAME = "watch-writes";

  private WatchWriteChecker() {}

  /**
   * Checks a watch workload run.
   *
   * @param scope the workload's scope
   * @param reference the committed log of the scope, as a watch opened after the run saw it
   * @param emptyAtRevision a revision at which the scope was read empty, 0 if unknown: when the
   *     reference starts right after it, the state of every key is known from the start
   * @param watchers the run's watchers
   * @throws io.statekv.chaos.history.MalformedHistoryException if the history is not of the
   *     watch workload
   */
  public static CheckResult check(History history, String scope, CommittedLog reference,
      long emptyAtRevision, List<WatchObservation> watchers) {
    WatchWrites writes = new WatchWrites(history, scope);
    List<Anomaly> anomalies = new ArrayList<>();
    Map<String, Long> stats = new LinkedHashMap<>();
    stats.put("ok-writes", (long) writes.okWrites().size());
    stats.put("reference-events", 0L);
    stats.put("watchers-compacted", 0L);
    List<ChangeEvent> referenceEvents = new ArrayList<>();
    reference.between(reference.firstRevision(), reference.lastRevision()).values()
        .forEach(referenceEvents::addAll);
    stats.put("reference-events", (long) referenceEvents.size());
    judgeEvents("the reference log", referenceEvents, reference.firstRevision(),
        reference.lastRevision(), WatchSelector.scope(scope), writes, anomalies);
    for (WatchObservation watcher : watchers) {
      WatcherLog log = watcher.log();
      judgeEvents(log.id(), log.received(), log.startRevision(), log.lastSeenRevision(),
          log.selector(), writes, anomalies);
    }
    boolean startKnown = emptyAtRevision > 0 && reference.firstRevision() <= emptyAtRevision + 1;
    // The final state is compared only when the reference reached the final read's revision;
    // one that did not is reported as stalled.
    Operation finalRead = writes.finalRead() != null
        && reference.lastRevision() >= WatchWrites.revision(writes.finalRead())
        ? writes.finalRead() : null;
    new ReferenceReplay(referenceEvents, startKnown, finalRead, anomalies).judge();
    judgeRevisionOrder(writes, anomalies);
    judgeLiveness(writes.finalRead(), reference, watchers, anomalies, stats);
    boolean decidable = writes.finalRead() != null
        && reference.firstRevision() <= reference.lastRevision();
    return CheckResult.of(NAME, anomalies, stats, decidable,
        "no final read succeeded, or the reference log is empty");
  }

  private static void judgeEvents(String label, List<ChangeEvent> events, long from, long to,
      Predicate<ChangeEvent> selector, WatchWrites writes, List<Anomaly> anomalies) {
    Set<ChangeEvent> seen = new HashSet<>(events);
    for (Operation op : writes.okWrites()) {
      ChangeEvent expected = writes.expectedEvent(op);
      if (expected != null && expected.revision() >= from && expected.revision() <= to
          && selector.test(expected) && !seen.contains(expected)) {
        anomalies.add(new Anomaly("lost-write", label + " lacks " + expected + ", which "
            + op.f() + " acknowledged", List.of(op.invoke(), op.completion())));
      }
    }
    Set<Long> usedNumbers = new HashSet<>();
    Set<String> usedDeletes = new HashSet<>();
    Map<String, Integer> indeterminateLeft = new HashMap<>();
    Map<String, Long> okDeletes = new HashMap<>();
    for (Operation op : writes.okWrites()) {
      if (op.f().equals("delete") && WatchWrites.revision(op) > 0) {
        okDeletes.put(deleteId(op.invokeValue().get("key").asText(), WatchWrites.revision(op)),
            WatchWrites.revision(op));
      }
    }
    for (ChangeEvent event : events) {
      String problem = event.isWrite() ? attributeWrite(event, writes, usedNumbers)
          : attributeDelete(event, writes, okDeletes, usedDeletes, indeterminateLeft);
      if (problem != null) {
        String kind = problem.startsWith("again") ? "duplicate-write" : "phantom";
        anomalies.add(Anomaly.of(kind, label + " holds " + event + ", " + problem));
      }
    }
  }

  /** Null when a write explains the event; otherwise why not, starting with "again" for a repeat. */
  private static String attributeWrite(ChangeEvent event, WatchWrites writes,
      Set<Long> usedNumbers) {
    JsonNode number = event.value().get(WatchWrites.W);
    if (number == null || !number.canConvertToLong()) {
      return "a value no write of the workload has";
    }
    Operation op = writes.writeOf(number.asLong());
    if (op == null || op.isFail() || !op.invokeValue().get("key").asText().equals(event.key())) {
      return op == null || !op.invokeValue().get("key").asText().equals(event.key())
          ? "which no write of that key wrote" : "which a write that failed wrote (line "
          + op.invoke().line() + ")";
    }
    if (op.isOk() && !event.equals(writes.expectedEvent(op))) {
      return "but its write acknowledged " + writes.expectedEvent(op) + " (line "
          + op.completion().line() + ")";
    }
    return usedNumbers.add(number.asLong()) ? null
        : "again: the write on line " + op.invoke().line() + " applied twice";
  }

  private static String attributeDelete(ChangeEvent event, WatchWrites writes,
      Map<String, Long> okDeletes, Set<String> usedDeletes, Map<String, Integer> left) {
    if (!"write".equals(event.reason())) {
      return "a deletion with reason " + event.reason() + " in a workload without TTLs";
    }
    String id = deleteId(event.key(), event.revision());
    if (okDeletes.containsKey(id)) {
      return usedDeletes.add(id) ? null : "again: one delete deleted twice";
    }
    int remaining = left.computeIfAbsent(event.key(), writes::indeterminateDeletes);
    if (remaining == 0) {
      return "but no acknowledged delete has that revision and no indeterminate delete of the "
          + "key is left to explain it";
    }
    left.put(event.key(), remaining - 1);
    return null;
  }

  private static String deleteId(String key, long revision) {
    return key + "@" + revision;
  }

  private static void judgeRevisionOrder(WatchWrites writes, List<Anomaly> anomalies) {
    List<Operation> byCompletion = writes.okWrites().stream()
        .filter(op -> WatchWrites.revision(op) > 0)
        .sorted(Comparator.comparingInt(op -> op.completion().index())).toList();
    List<Operation> byInvoke = new ArrayList<>(byCompletion);
    byInvoke.sort(Comparator.comparingInt(Operation::invokeIndex));
    Operation highest = null;
    int next = 0;
    for (Operation op : byInvoke) {
      while (next < byCompletion.size()
          && byCompletion.get(next).completion().index() < op.invokeIndex()) {
        Operation done = byCompletion.get(next++);
        if (highest == null || WatchWrites.revision(done) > WatchWrites.revision(highest)) {
          highest = done;
        }
      }
      if (highest != null && WatchWrites.revision(op) <= WatchWrites.revision(highest)) {
        anomalies.add(new Anomaly("revision-order", op.f() + " acknowledged revision "
            + WatchWrites.revision(op) + " although " + highest.f() + " with revision "
            + WatchWrites.revision(highest) + " completed before it began",
            List.of(highest.completion(), op.invoke(), op.completion())));
      }
    }
  }

  private static void judgeLiveness(Operation finalRead, CommittedLog reference,
      List<WatchObservation> watchers, List<Anomaly> anomalies, Map<String, Long> stats) {
    long finalRevision = finalRead == null ? 0 : WatchWrites.revision(finalRead);
    if (reference.lastRevision() < finalRevision) {
      anomalies.add(Anomaly.of("stalled", "the reference watch vouched only for revision "
          + reference.lastRevision() + ", not the final read's " + finalRevision));
    }
    for (WatchObservation watcher : watchers) {
      WatcherLog log = watcher.log();
      if (watcher.compacted()) {
        stats.merge("watchers-compacted", 1L, Long::sum);
      } else if (watcher.error() != null) {
        anomalies.add(Anomaly.of("watch-failed", log.id() + " ended with " + watcher.error()));
      } else if (log.lastSeenRevision() < finalRevision) {
        anomalies.add(Anomaly.of("stalled", log.id() + " vouched only for revision "
            + log.lastSeenRevision() + ", not the final read's " + finalRevision));
      }
    }
  }

  /** Replays the reference log key by key, and compares it with the final read. */
  private static final class ReferenceReplay {
    private final List<ChangeEvent> events;
    private final boolean startKnown;
    private final Operation finalRead;
    private final List<Anomaly> anomalies;
    private final Map<String, JsonNode> present = new HashMap<>();
    private final Set<String> known = new HashSet<>();

    ReferenceReplay(List<ChangeEvent> events, boolean startKnown, Operation finalRead,
        List<Anomaly> anomalies) {
      this.events = events;
      this.startKnown = startKnown;
      this.finalRead = finalRead;
      this.anomalies = anomalies;
    }

    void judge() {
      long finalRevision = finalRead == null ? Long.MAX_VALUE : WatchWrites.revision(finalRead);
      boolean compared = false;
      for (ChangeEvent event : events) {
        if (!compared && event.revision() > finalRevision) {
          compareWithFinalRead();
          compared = true;
        }
        apply(event);
      }
      if (!compared && finalRead != null) {
        compareWithFinalRead();
      }
    }

    private void apply(ChangeEvent event) {
      String key = event.key();
      if (startKnown || known.contains(key)) {
        boolean exists = present.containsKey(key);
        if (event.type().equals(ChangeEvent.CREATED) == exists) {
          anomalies.add(Anomaly.of("impossible-event", "the reference log holds " + event
              + " but the key was " + (exists ? "present" : "absent")));
        }
      }
      known.add(key);
      if (event.isWrite()) {
        present.put(key, event.value());
      } else {
        present.remove(key);
      }
    }

    private void compareWithFinalRead() {
      JsonNode entries = finalRead.completionValue().path("entries");
      Set<String> keys = new TreeSet<>(known);
      entries.fieldNames().forEachRemaining(keys::add);
      for (String key : keys) {
        if (!startKnown && !known.contains(key)) {
          continue;
        }
        JsonNode read = entries.has(key) ? JsonValues.canonical(entries.get(key)) : null;
        JsonNode replayed = present.get(key);
        if (read == null ? replayed != null : !read.equals(replayed)) {
          anomalies.add(new Anomaly("final-state", "key " + key + " replays to " + replayed
              + " but the final read returned " + read,
              List.of(finalRead.invoke(), finalRead.completion())));
        }
      }
    }
  }
}
