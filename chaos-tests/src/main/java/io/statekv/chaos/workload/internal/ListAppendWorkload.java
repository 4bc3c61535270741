package io.statekv.chaos.workload.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.statekv.chaos.checker.CheckResult;
import io.statekv.chaos.checker.ListAppendChecker;
import io.statekv.chaos.history.History;
import io.statekv.chaos.workload.CheckerVerdict;
import io.statekv.chaos.workload.Completion;
import io.statekv.chaos.workload.Invocation;
import io.statekv.chaos.workload.Workload;
import io.statekv.client.Entry;
import io.statekv.client.StateKvClient;
import io.statekv.client.TxnOp;
import io.statekv.client.TxnOpResult;
import io.statekv.client.TxnResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Elle-style list-append: transactions of 1 to {@value #MICRO_OPS_MAX} micro-ops, each an append
 * of a unique element to a key's JSON array or a read of that array, run as one statekv txn. The
 * checker infers the order of appends from the reads and looks for dependency cycles.
 */
public final class ListAppendWorkload implements Workload {
  /** The scope of the lists. */
  public static final String SCOPE = "chaos-list";
  /** Keys, few enough that transactions collide. */
  public static final int KEYS = 8;
  /** Micro-ops per transaction at most. */
  public static final int MICRO_OPS_MAX = 4;

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final AtomicLong nextElement = new AtomicLong(1);

  @Override
  public String name() {
    return "list-append";
  }

  @Override
  public Invocation next(Random random) {
    ArrayNode micro = F.arrayNode();
    int count = 1 + random.nextInt(MICRO_OPS_MAX);
    boolean readOnly = true;
    for (int i = 0; i < count; i++) {
      int key = random.nextInt(KEYS);
      if (random.nextBoolean()) {
        micro.add(Json.array("append", key, nextElement.getAndIncrement()));
        readOnly = false;
      } else {
        micro.add(Json.array("r", key, null));
      }
    }
    return new Invocation("txn", micro, readOnly);
  }

  @Override
  public List<Invocation> finalOps() {
    ArrayNode reads = F.arrayNode();
    for (int key = 0; key < KEYS; key++) {
      reads.add(Json.array("r", key, null));
    }
    return List.of(new Invocation("txn", reads, true));
  }

  @Override
  public Completion apply(StateKvClient client, Invocation op) {
    List<TxnOp> ops = new ArrayList<>();
    for (JsonNode micro : op.value()) {
      String key = "l" + micro.get(1).asInt();
      ops.add(micro.get(0).asText().equals("append")
          ? TxnOp.append(SCOPE, key, micro.get(2)) : TxnOp.get(SCOPE, key));
    }
    TxnResult result = client.txn().then(ops.toArray(TxnOp[]::new)).commit();
    ArrayNode completed = F.arrayNode();
    for (int i = 0; i < op.value().size(); i++) {
      JsonNode micro = op.value().get(i);
      if (micro.get(0).asText().equals("append")) {
        completed.add(micro);
      } else {
        completed.add(Json.array("r", micro.get(1), readList(result.results().get(i))));
      }
    }
    return Completion.ok(completed);
  }

  private static JsonNode readList(TxnOpResult result) {
    if (!(result instanceof TxnOpResult.Read read)) {
      throw new IllegalStateException("a txn get answered " + result);
    }
    Optional<Entry> entry = read.entry();
    return entry.map(Entry::value).orElse(F.arrayNode());
  }

  @Override
  public List<CheckerVerdict> check(History history) {
    CheckResult result = ListAppendChecker.check(history);
    return List.of(new CheckerVerdict(result.checker(), result.verdict(), result.stats(),
        result.report()));
  }
}
