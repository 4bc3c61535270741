package io.statekv.chaos.checker;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.chaos.checker.internal.JsonValues;
import io.statekv.chaos.history.MalformedHistoryException;
import io.statekv.chaos.history.Op;
import io.statekv.chaos.history.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Many independent {@link CasRegister}s, one per key. Each value is a {@code [key, value]} pair
 * whose second half is what the single register expects: {@code [k, null]} to read (and {@code
 * [k, 3]} as its result), {@code [k, 3]} to write, {@code [k, [1, 2]]} to compare-and-set.
 *
 * <p>Linearizability is compositional, so each key is checked on its own, which keeps the search
 * small. Stateless and thread-safe.
 */
public final class KeyedCasRegister implements Model<JsonNode> {
  /** The name on the command line. */
  public static final String NAME = "keyed-cas-register";

  private final CasRegister register;

  /** Registers that treat a failed cas as having had no effect. */
  public KeyedCasRegister() {
    this(CasRegister.FailedCas.NO_EFFECT);
  }

  /** Registers that read failed cas ops as {@code failedCas} says. */
  public KeyedCasRegister(CasRegister.FailedCas failedCas) {
    this.register = new CasRegister(failedCas);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public JsonNode init() {
    return register.init();
  }

  @Override
  public JsonNode step(JsonNode state, Operation op) {
    return register.step(state, op);
  }

  /**
   * One partition per key, in order of first use, holding the unwrapped operations.
   *
   * @throws MalformedHistoryException if a value is not a {@code [key, value]} pair, or a
   *     completion names another key than its invocation
   */
  @Override
  public List<Partition> partition(List<Operation> operations) {
    Map<JsonNode, List<Operation>> byKey = new LinkedHashMap<>();
    for (Operation op : operations) {
      JsonNode key = key(op.invoke());
      if (op.completion() != null && op.isOk() && !key.equals(key(op.completion()))) {
        throw new MalformedHistoryException(op.completion().line(),
            "completion is for key " + key(op.completion()) + " but its invocation for key " + key);
      }
      byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(unwrap(op));
    }
    List<Partition> partitions = new ArrayList<>(byKey.size());
    byKey.forEach((key, ops) ->
        partitions.add(new Partition("key " + key, register.relevant(ops))));
    return partitions;
  }

  private static JsonNode key(Op op) {
    JsonNode value = op.value();
    if (!value.isArray() || value.size() != 2 || !value.get(0).isValueNode()
        || value.get(0).isNull()) {
      throw new MalformedHistoryException(op.line(),
          "keyed-cas-register values must be [key, value] with a non-null scalar key, got "
              + value);
    }
    return JsonValues.canonical(value.get(0));
  }

  private static Operation unwrap(Operation op) {
    Op invoke = op.invoke().withValue(op.invoke().value().get(1));
    Op completion = op.completion();
    if (completion != null) {
      JsonNode value = completion.value();
      completion = completion.withValue(value.isArray() && value.size() == 2 ? value.get(1) : null);
    }
    return new Operation(op.id(), invoke, completion);
  }

  @Override
  public String describe(JsonNode state) {
    return register.describe(state);
  }
}
