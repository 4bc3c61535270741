package io.statekv.chaos.workload.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.chaos.checker.CheckResult;
import io.statekv.chaos.checker.CounterChecker;
import io.statekv.chaos.history.History;
import io.statekv.chaos.workload.CheckerVerdict;
import io.statekv.chaos.workload.Completion;
import io.statekv.chaos.workload.Invocation;
import io.statekv.chaos.workload.Workload;
import io.statekv.client.Entry;
import io.statekv.client.StateKvClient;
import io.statekv.client.UpdateOp;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * One counter, incremented by update ops that the client retries across failovers within its
 * deadline: the exactly-once check. A retried increment that applied twice shows as a read above
 * the bound the history allows. Reads are mixed in, and a final read follows the heal.
 */
public final class CounterWorkload implements Workload {
  /** The counter's scope and key. */
  public static final String SCOPE = "chaos-counter";
  public static final String KEY = "c";
  /** One operation in READ_EVERY is a read. */
  public static final int READ_EVERY = 5;

  @Override
  public String name() {
    return "counter";
  }

  @Override
  public Invocation next(Random random) {
    return random.nextInt(READ_EVERY) == 0
        ? new Invocation("read", Json.nullNode(), true)
        : new Invocation("add", Json.number(1), false);
  }

  @Override
  public List<Invocation> finalOps() {
    return List.of(new Invocation("read", Json.nullNode(), true));
  }

  @Override
  public Completion apply(StateKvClient client, Invocation op) {
    switch (op.f()) {
      case "add" -> {
        // The root increment of a missing key yields the amount itself (iii's rule).
        client.update(SCOPE, KEY, UpdateOp.increment("", op.value().asLong()));
        return Completion.ok(op.value());
      }
      case "read" -> {
        Optional<Entry> entry = client.get(SCOPE, KEY);
        JsonNode value = entry.map(Entry::value).orElse(Json.number(0));
        return Completion.ok(value);
      }
      default -> throw new IllegalArgumentException("counter has no op " + op.f());
    }
  }

  @Override
  public List<CheckerVerdict> check(History history) {
    CheckResult result = CounterChecker.check(history);
    return List.of(new CheckerVerdict(result.checker(), result.verdict(), result.stats(),
        result.report()));
  }
}
