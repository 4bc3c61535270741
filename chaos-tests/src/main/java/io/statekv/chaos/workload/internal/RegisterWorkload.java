package io.statekv.chaos.workload.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.chaos.checker.Budget;
import io.statekv.chaos.checker.KeyedCasRegister;
import io.statekv.chaos.checker.LinearizabilityChecker;
import io.statekv.chaos.checker.LinearizabilityResult;
import io.statekv.chaos.history.History;
import io.statekv.chaos.workload.CheckerVerdict;
import io.statekv.chaos.workload.Completion;
import io.statekv.chaos.workload.Invocation;
import io.statekv.chaos.workload.Workload;
import io.statekv.client.Compare;
import io.statekv.client.Entry;
import io.statekv.client.StateKvClient;
import io.statekv.client.TxnOp;
import io.statekv.client.TxnResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Independent registers, one per key, with linearizable reads, writes and compare-and-set (a txn
 * whose compare tests the value). Values are small integers, so that cas often succeeds and the
 * linearizability search stays small. Checked with the keyed cas-register model.
 */
public final class RegisterWorkload implements Workload {
  /** The scope all registers live in. */
  public static final String SCOPE = "chaos-register";
  /** Registers, so that each key's sub-history stays short enough to search. */
  public static final int KEYS = 5;
  /** Values are 0 to VALUES - 1. */
  public static final int VALUES = 5;

  private final Duration checkTimeLimit;

  public RegisterWorkload(Duration checkTimeLimit) {
    this.checkTimeLimit = checkTimeLimit;
  }

  @Override
  public String name() {
    return "register";
  }

  @Override
  public Invocation next(Random random) {
    int key = random.nextInt(KEYS);
    return switch (random.nextInt(3)) {
      case 0 -> new Invocation("read", Json.array(key, null), true);
      case 1 -> new Invocation("write", Json.array(key, random.nextInt(VALUES)), false);
      default -> new Invocation("cas", Json.array(key,
          Json.array(random.nextInt(VALUES), random.nextInt(VALUES))), false);
    };
  }

  @Override
  public List<Invocation> finalOps() {
    return List.of();
  }

  @Override
  public Completion apply(StateKvClient client, Invocation op) {
    JsonNode key = op.value().get(0);
    String k = "r" + key.asInt();
    JsonNode arg = op.value().get(1);
    switch (op.f()) {
      case "read" -> {
        Optional<Entry> entry = client.get(SCOPE, k);
        return Completion.ok(Json.array(key, entry.map(Entry::value).orElse(Json.nullNode())));
      }
      case "write" -> {
        client.set(SCOPE, k, arg);
        return Completion.ok(op.value());
      }
      case "cas" -> {
        TxnResult result = client.txn().when(Compare.value(SCOPE, k).equalTo(arg.get(0)))
            .then(TxnOp.set(SCOPE, k, arg.get(1))).commit();
        return result.succeeded() ? Completion.ok(op.value())
            : Completion.fail(op.value(), "compare-failed");
      }
      default -> throw new IllegalArgumentException("register has no op " + op.f());
    }
  }

  @Override
  public List<CheckerVerdict> check(History history) {
    LinearizabilityResult result = LinearizabilityChecker.check(new KeyedCasRegister(), history,
        Budget.of(checkTimeLimit));
    long ops = result.partitions().stream().mapToLong(p -> p.operations()).sum();
    return List.of(new CheckerVerdict(KeyedCasRegister.NAME, result.verdict(),
        Map.of("operations", ops, "keys", (long) result.partitions().size()), result.report()));
  }
}
