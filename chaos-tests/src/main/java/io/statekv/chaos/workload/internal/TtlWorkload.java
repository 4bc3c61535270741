package io.statekv.chaos.workload.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statekv.chaos.checker.CheckResult;
import io.statekv.chaos.checker.TtlChecker;
import io.statekv.chaos.history.History;
import io.statekv.chaos.workload.CheckerVerdict;
import io.statekv.chaos.workload.Completion;
import io.statekv.chaos.workload.Invocation;
import io.statekv.chaos.workload.ObserverContext;
import io.statekv.chaos.workload.Workload;
import io.statekv.client.Entry;
import io.statekv.client.StateKvClient;
import io.statekv.client.WriteOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes with short TTLs, reads and deletes over a few keys, so that many reads land shortly
 * before or after an expiry. The ttl checker judges the reads: a value must be visible until its
 * earliest expiry and gone after its latest, give or take {@link #SLACK}. A watcher of the scope,
 * opened through the client before the traffic and brought up to date after it (see {@link
 * TtlWatcher}), gives the checker the change events: every expired entry must be deleted by
 * exactly one {@code state:deleted} event with reason {@code expired}.
 */
public final class TtlWorkload implements Workload {
  /** The scope of the keys. */
  public static final String SCOPE = "chaos-ttl";
  /** Keys, few enough that each is read many times per TTL. */
  public static final int KEYS = 6;
  /** TTLs are 1 to TTL_SECONDS_MAX seconds. */
  public static final int TTL_SECONDS_MAX = 3;
  /**
   * How far the harness's clock and the leader's stamp may disagree about a TTL: the write is
   * stamped when the leader proposes it, somewhere between invocation and completion.
   */
  public static final Duration SLACK = Duration.ofSeconds(1);

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final AtomicLong nextValue = new AtomicLong();
  private final TtlWatcher watcher = new TtlWatcher(SCOPE, SLACK.multipliedBy(3));

  @Override
  public String name() {
    return "ttl";
  }

  @Override
  public Invocation next(Random random) {
    ObjectNode value = F.objectNode().put("key", "t" + random.nextInt(KEYS));
    int dice = random.nextInt(10);
    if (dice < 3) {
      value.put("value", nextValue.getAndIncrement()).put("ttl", 1 + random.nextInt(TTL_SECONDS_MAX));
      return new Invocation("put", value, false);
    }
    return dice < 4 ? new Invocation("delete", value, false) : new Invocation("read", value, true);
  }

  @Override
  public List<Invocation> finalOps() {
    return List.of();
  }

  @Override
  public Completion apply(StateKvClient client, Invocation op) {
    String key = op.value().get("key").asText();
    switch (op.f()) {
      case "put" -> {
        client.set(SCOPE, key, op.value().get("value"),
            WriteOptions.ttl(Duration.ofSeconds(op.value().get("ttl").asLong())));
        return Completion.ok(op.value());
      }
      case "delete" -> {
        client.delete(SCOPE, key);
        return Completion.ok(op.value());
      }
      case "read" -> {
        Optional<Entry> entry = client.get(SCOPE, key);
        JsonNode value = entry.map(Entry::value).orElse(F.nullNode());
        return Completion.ok(F.objectNode().put("key", key).set("value", value));
      }
      default -> throw new IllegalArgumentException("ttl has no op " + op.f());
    }
  }

  @Override
  public void startObservers(ObserverContext context) {
    watcher.start(context);
  }

  @Override
  public List<String> stopObservers(StateKvClient client, Duration timeout) {
    return watcher.stop(client, timeout);
  }

  @Override
  public List<CheckerVerdict> check(History history) {
    CheckResult result = TtlChecker.check(history, watcher.events(),
        new TtlChecker.Options(SLACK, watcher.eventsCompleteUntil()));
    return List.of(new CheckerVerdict(result.checker(), result.verdict(), result.stats(),
        result.report()));
  }
}
