package io.statekv.chaos.checker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.chaos.checker.Anomaly;
import io.statekv.chaos.checker.ChangeEvent;
import io.statekv.chaos.history.Operation;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Judges the TTL puts, reads and expiry events of one key; see {@code TtlChecker}. */
public final class TtlKeyJudge {
  private final List<TtlOp> ops;
  private final List<ChangeEvent> events;
  private final long slackNanos;
  private final long eventsCompleteUntil;
  private final List<Anomaly> anomalies;
  private final Map<String, Long> stats;

  /** @param events the key's events in revision order */
  public TtlKeyJudge(List<TtlOp> ops, List<ChangeEvent> events, long slackNanos,
      long eventsCompleteUntil, List<Anomaly> anomalies, Map<String, Long> stats) {
    this.ops = ops;
    this.events = events;
    this.slackNanos = slackNanos;
    this.eventsCompleteUntil = eventsCompleteUntil;
    this.anomalies = anomalies;
    this.stats = stats;
  }

  /** Judges every ok put with a TTL, then the key's expiry events. */
  public void judge() {
    for (TtlOp put : ops) {
      if (put.isPut() && put.ttlNanos() > 0 && put.operation().isOk()) {
        count("ttl-puts");
        if (stands(put)) {
          count("standing-ttl-puts");
          judgeReads(put);
          judgeExpiryEvent(put);
        }
      }
    }
    judgeExpiries(events, this::putWithValue, anomalies);
  }

  /** Judges the expiry events of a key no op touched: any expiry there is unexpected. */
  public static void judgeEventsOnly(List<ChangeEvent> events, List<Anomaly> anomalies) {
    judgeExpiries(events, value -> null, anomalies);
  }

  private long latestExpiry(TtlOp put) {
    return put.operation().completion().time() + put.ttlNanos();
  }

  private long earliestExpiry(TtlOp put) {
    return put.operation().invoke().time() + put.ttlNanos();
  }

  /** True if no other mutation could take effect from the put's invocation until it expires. */
  private boolean stands(TtlOp put) {
    long horizon = latestExpiry(put) + slackNanos;
    for (TtlOp other : ops) {
      if (other != put && other.mayMutate() && !other.operation().precedes(put.operation())
          && other.operation().invoke().time() < horizon) {
        return false;
      }
    }
    return true;
  }

  private void judgeReads(TtlOp put) {
    Operation written = put.operation();
    Operation next = nextMutation(written);
    for (TtlOp read : ops) {
      Operation op = read.operation();
      if (!read.isRead() || !op.isOk()) {
        continue;
      }
      boolean afterExpiry = op.invoke().time() >= latestExpiry(put) + slackNanos
          && (next == null || op.completion().index() < next.invokeIndex());
      boolean beforeExpiry = op.invokeIndex() > written.completion().index()
          && op.completion().time() <= earliestExpiry(put) - slackNanos;
      if (afterExpiry && !read.value().isNull()) {
        report("not-expired", "read " + read.value() + " from key " + put.key()
            + " after the ttl of the put on line " + written.invoke().line() + " ran out", op);
      } else if (beforeExpiry && !read.value().equals(put.value())) {
        String kind = read.value().isNull() ? "expired-early" : "wrong-value";
        report(kind, "read " + read.value() + " from key " + put.key() + " before the ttl of "
            + "the put of " + put.value() + " on line " + written.invoke().line() + " ran out", op);
      }
    }
  }

  private Operation nextMutation(Operation put) {
    for (TtlOp other : ops) {
      if (other.mayMutate() && other.operation().invokeIndex() > put.completion().index()) {
        return other.operation();
      }
    }
    return null;
  }

  private void judgeExpiryEvent(TtlOp put) {
    int written = -1;
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).isWrite() && events.get(i).value().equals(put.value())) {
        written = i;
      }
    }
    if (written < 0 || latestExpiry(put) + slackNanos > eventsCompleteUntil) {
      count("ttl-puts-without-judged-events");
      return;
    }
    for (int i = written + 1; i < events.size() && !events.get(i).isWrite(); i++) {
      if (events.get(i).isExpiry()) {
        return;
      }
    }
    report("missing-expiry", "no expiry event followed " + events.get(written)
        + " although its ttl ran out before events stopped", put.operation());
  }

  private TtlOp putWithValue(JsonNode value) {
    for (TtlOp op : ops) {
      if (op.isPut() && !op.operation().isFail() && op.value().equals(value)) {
        return op;
      }
    }
    return null;
  }

  /** Reports expiries with nothing live to expire, or of a value written without a TTL. */
  private static void judgeExpiries(List<ChangeEvent> events,
      Function<JsonNode, TtlOp> putOf, List<Anomaly> anomalies) {
    ChangeEvent live = null;
    ChangeEvent previous = null;
    for (ChangeEvent event : events) {
      if (event.isExpiry()) {
        TtlOp put = live == null ? null : putOf.apply(live.value());
        if (live == null && previous != null && previous.isExpiry()) {
          anomalies.add(Anomaly.of("duplicate-expiry", event + " repeats " + previous));
        } else if (live == null || put != null && put.ttlNanos() < 0) {
          anomalies.add(Anomaly.of("unexpected-expiry", event + " expired "
              + (live == null ? "a key with no live value" : live + ", written without a ttl")));
        }
      }
      live = event.isWrite() ? event : null;
      previous = event;
    }
  }

  private void report(String kind, String message, Operation op) {
    anomalies.add(new Anomaly(kind, message, op.completion() == null ? List.of(op.invoke())
        : List.of(op.invoke(), op.completion())));
  }

  private void count(String stat) {
    stats.merge(stat, 1L, Long::sum);
  }
}
