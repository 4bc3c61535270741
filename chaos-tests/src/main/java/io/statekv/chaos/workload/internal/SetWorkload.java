package io.statekv.chaos.workload.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.statekv.chaos.checker.CheckResult;
import io.statekv.chaos.checker.SetChecker;
import io.statekv.chaos.history.History;
import io.statekv.chaos.workload.CheckerVerdict;
import io.statekv.chaos.workload.Completion;
import io.statekv.chaos.workload.Invocation;
import io.statekv.chaos.workload.Workload;
import io.statekv.client.Entry;
import io.statekv.client.ListOptions;
import io.statekv.client.StateKvClient;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A grow-only set: each add writes a new key holding a unique number; the final read lists the
 * whole scope, linearizably, once the cluster has healed. Checked for lost, unexpected and
 * duplicate elements, and for failed adds that became visible.
 */
public final class SetWorkload implements Workload {
  /** The scope of the set's elements. */
  public static final String SCOPE = "chaos-set";

  private final AtomicLong nextElement = new AtomicLong();

  @Override
  public String name() {
    return "set";
  }

  @Override
  public Invocation next(Random random) {
    return new Invocation("add", Json.number(nextElement.getAndIncrement()), false);
  }

  @Override
  public List<Invocation> finalOps() {
    return List.of(new Invocation("read", Json.nullNode(), true));
  }

  @Override
  public Completion apply(StateKvClient client, Invocation op) {
    switch (op.f()) {
      case "add" -> {
        long element = op.value().asLong();
        client.set(SCOPE, String.format("e%012d", element), element);
        return Completion.ok(op.value());
      }
      case "read" -> {
        ArrayNode elements = JsonNodeFactory.instance.arrayNode();
        try (Stream<Entry> entries = client.listAll(SCOPE, ListOptions.DEFAULT)) {
          entries.forEach(e -> elements.add(e.value()));
        }
        return Completion.ok(elements);
      }
      default -> throw new IllegalArgumentException("set has no op " + op.f());
    }
  }

  @Override
  public List<CheckerVerdict> check(History history) {
    CheckResult result = SetChecker.check(history);
    return List.of(new CheckerVerdict(result.checker(), result.verdict(), result.stats(),
        result.report()));
  }
}
