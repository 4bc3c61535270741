package io.statekv.chaos.checker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.statekv.chaos.history.MalformedHistoryException;
import io.statekv.chaos.history.Op;
import io.statekv.chaos.history.Operation;
import java.util.ArrayList;
import java.util.List;

/**
 * A list-append transaction: micro-ops {@code ["append", k, v]} and {@code ["r", k, [v...]]}.
 * An ok transaction carries its reads' results in the completion; for the others only the
 * invocation is known. Immutable.
 *
 * @param node the transaction's node in the dependency graph (its position among transactions)
 * @param operation the operation
 * @param microOps its micro-ops, with canonical keys and values; a read's value is an array on
 *     an ok transaction and null otherwise
 */
public record ListAppendTxn(int node, Operation operation, List<MicroOp> microOps) {

  /** Longest transaction accepted, in micro-ops. */
  public static final int MICRO_OPS_MAX = 10_000;

  /**
   * One micro-op.
   *
   * @param isAppend true for an append, false for a read
   * @param key the key, a canonical scalar
   * @param value the appended element, or the list read (null when unknown)
   */
  public record MicroOp(boolean isAppend, JsonNode key, JsonNode value) {}

  /** A short name for messages: {@code T} and the line of the invocation. */
  public String name() {
    return "T" + operation.invoke().line();
  }

  /** The op that best shows the transaction: its completion, or its invocation if open. */
  public Op op() {
    return operation.completion() != null ? operation.completion() : operation.invoke();
  }

  /**
   * Parses a transaction operation.
   *
   * @throws MalformedHistoryException if the operation is not a well-formed txn
   */
  public static ListAppendTxn parse(int node, Operation operation) {
    if (!operation.f().equals("txn")) {
      throw new MalformedHistoryException(operation.invoke().line(),
          "the list-append checker knows only 'txn', not '" + operation.f() + "'");
    }
    List<MicroOp> invoked = microOps(operation.invoke(), false);
    if (!operation.isOk()) {
      return new ListAppendTxn(node, operation, invoked);
    }
    List<MicroOp> completed = microOps(operation.completion(), true);
    for (int i = 0; i < Math.max(invoked.size(), completed.size()); i++) {
      if (i >= invoked.size() || i >= completed.size()
          || invoked.get(i).isAppend() != completed.get(i).isAppend()
          || !invoked.get(i).key().equals(completed.get(i).key())) {
        throw new MalformedHistoryException(operation.completion().line(),
            "the completed micro-ops do not match the invoked ones at position " + i);
      }
    }
    return new ListAppendTxn(node, operation, completed);
  }

  private static List<MicroOp> microOps(Op op, boolean withReads) {
    JsonNode value = op.value();
    if (!value.isArray() || value.size() > MICRO_OPS_MAX) {
      throw new MalformedHistoryException(op.line(),
          "a txn value must be an array of at most " + MICRO_OPS_MAX + " micro-ops, got " + value);
    }
    List<MicroOp> result = new ArrayList<>(value.size());
    for (JsonNode micro : value) {
      result.add(microOp(op, micro, withReads));
    }
    return List.copyOf(result);
  }

  private static MicroOp microOp(Op op, JsonNode micro, boolean withReads) {
    String kind = micro.isArray() && micro.size() == 3 ? micro.get(0).asText() : "";
    JsonNode key = micro.path(1);
    if (!(kind.equals("append") || kind.equals("r")) || !key.isValueNode() || key.isNull()) {
      throw new MalformedHistoryException(op.line(),
          "a micro-op must be [\"append\", key, value] or [\"r\", key, list], got " + micro);
    }
    JsonNode argument = micro.get(2);
    if (kind.equals("append")) {
      if (!argument.isValueNode() || argument.isNull()) {
        throw new MalformedHistoryException(op.line(),
            "an append needs a non-null scalar element, got " + micro);
      }
      return new MicroOp(true, JsonValues.canonical(key), JsonValues.canonical(argument));
    }
    if (!withReads) {
      return new MicroOp(false, JsonValues.canonical(key), null);
    }
    if (!argument.isArray() && !argument.isNull()) {
      throw new MalformedHistoryException(op.line(),
          "an ok read must return a list (or null for a missing key), got " + micro);
    }
    JsonNode list = argument.isNull() ? JsonNodeFactory.instance.arrayNode() : argument;
    return new MicroOp(false, JsonValues.canonical(key), JsonValues.canonical(list));
  }
}
