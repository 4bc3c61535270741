package io.statekv.chaos.checker;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.chaos.checker.internal.TtlKeyJudge;
import io.statekv.chaos.checker.internal.TtlOp;
import io.statekv.chaos.history.History;
import io.statekv.chaos.history.MalformedHistoryException;
import io.statekv.chaos.history.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks TTL expiry from a ttl workload history (see {@link TtlOp} for its ops; every op needs a
 * time) and the change events of its scope, observed by a watch that ran through the whole
 * history.
 *
 * <p>A put with a TTL is judged when it <em>stands</em>: no other put or delete of its key could
 * have taken effect between its invocation and its latest expiry plus the slack. For a standing
 * put:
 *
 * <ul>
 *   <li>{@code not-expired}: a read that began at least the slack after the latest possible
 *       expiry (completion + ttl), and ended before the next put or delete of the key began,
 *       returned a value instead of null;
 *   <li>{@code expired-early}: a read after the put completed that ended at least the slack
 *       before the earliest possible expiry (invocation + ttl) returned null;
 *   <li>{@code wrong-value}: such a read returned another value;
 *   <li>{@code missing-expiry}: after the put's write event, no {@code state:deleted} event with
 *       reason {@code expired} came before the key's next write, although the events were
 *       observed until after the latest expiry plus the slack.
 * </ul>
 *
 * <p>For every key: {@code duplicate-expiry} is a second expiry event with no write in between,
 * and {@code unexpected-expiry} an expiry of a key whose live value was written without a TTL.
 * Put values must be unique per key so that write events can be matched to puts. Without a
 * standing put the verdict is unknown. Stateless and thread-safe.
 */
public final class TtlChecker {
  /** The checker's name in results. */
  public static final String NAME = "ttl";

  private TtlChecker() {}

  /**
   * How the history's clock relates to the cluster's expiry.
   *
   * @param slack how far the cluster's expiry may be from the history's clock: clock offset
   *     between the recorder and the leader, and for events, how late the leader may propose an
   *     expiry
   * @param eventsCompleteUntil the history time (nanoseconds) up to which every event was
   *     observed
   */
  public record Options(Duration slack, long eventsCompleteUntil) {
    public Options {
      Objects.requireNonNull(slack, "slack");
      if (slack.isNegative()) {
        throw new IllegalArgumentException("slack must not be negative: " + slack);
      }
    }
  }

  /**
   * Checks the history against the events of its scope.
   *
   * @throws MalformedHistoryException if an op lacks a time or is not a ttl workload op, or a
   *     value is put twice to one key
   */
  public static CheckResult check(History history, List<ChangeEvent> events, Options options) {
    if (!history.hasTimes()) {
      throw new MalformedHistoryException(0, "the ttl checker needs the time of every op");
    }
    Map<String, List<TtlOp>> opsByKey = new LinkedHashMap<>();
    for (Operation op : history.operations()) {
      TtlOp parsed = TtlOp.parse(op);
      opsByKey.computeIfAbsent(parsed.key(), k -> new ArrayList<>()).add(parsed);
    }
    Map<String, List<ChangeEvent>> eventsByKey = new HashMap<>();
    for (ChangeEvent event : events) {
      eventsByKey.computeIfAbsent(event.key(), k -> new ArrayList<>()).add(event);
    }
    eventsByKey.values().forEach(list -> list.sort(
        (a, b) -> Long.compare(a.revision(), b.revision())));
    List<Anomaly> anomalies = new ArrayList<>();
    Map<String, Long> stats = new LinkedHashMap<>();
    stats.put("ttl-puts", 0L);
    stats.put("standing-ttl-puts", 0L);
    stats.put("ttl-puts-without-judged-events", 0L);
    for (String key : opsByKey.keySet()) {
      requireUniquePuts(opsByKey.get(key));
      new TtlKeyJudge(opsByKey.get(key), eventsByKey.getOrDefault(key, List.of()),
          options.slack().toNanos(), options.eventsCompleteUntil(), anomalies, stats).judge();
    }
    for (String key : eventsByKey.keySet()) {
      if (!opsByKey.containsKey(key)) {
        TtlKeyJudge.judgeEventsOnly(eventsByKey.get(key), anomalies);
      }
    }
    boolean judged = stats.get("standing-ttl-puts") > 0;
    return CheckResult.of(NAME, anomalies, stats, judged, "no put with a ttl could be judged");
  }

  private static void requireUniquePuts(List<TtlOp> ops) {
    Map<JsonNode, TtlOp> seen = new HashMap<>();
    for (TtlOp op : ops) {
      if (op.isPut()) {
        TtlOp earlier = seen.putIfAbsent(op.value(), op);
        if (earlier != null) {
          throw new MalformedHistoryException(op.operation().invoke().line(), "value "
              + op.value() + " is put to key " + op.key() + " again (first on line "
              + earlier.operation().invoke().line() + "); put values must be unique per key");
        }
      }
    }
  }
}
