package io.statekv.chaos.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Objects;

/**
 * A client operation: its invocation paired with its completion, if any.
 *
 * <p>An operation without a completion is open to the end of the history, exactly like one that
 * ended in {@code info}: both are <em>indeterminate</em>. Immutable and thread-safe.
 *
 * @param id position of the operation among the history's client operations, in invocation order
 * @param invoke the invoke op
 * @param completion the ok, fail or info op, or null while the operation is open
 */
public record Operation(int id, Op invoke, Op completion) {

  public Operation {
    Objects.requireNonNull(invoke, "invoke");
    if (invoke.type() != OpType.INVOKE) {
      throw new IllegalArgumentException("not an invoke: " + invoke);
    }
    if (completion != null && !completion.type().isCompletion()) {
      throw new IllegalArgumentException("not a completion: " + completion);
    }
  }

  public long process() {
    return invoke.process();
  }

  public String f() {
    return invoke.f();
  }

  /** True if the operation happened. */
  public boolean isOk() {
    return completion != null && completion.type() == OpType.OK;
  }

  /** True if the operation certainly did not take effect. */
  public boolean isFail() {
    return completion != null && completion.type() == OpType.FAIL;
  }

  /** True if the outcome is unknown: it ended in {@code info} or never ended. */
  public boolean isIndeterminate() {
    return completion == null || completion.type() == OpType.INFO;
  }

  /** The value given on invocation. */
  public JsonNode invokeValue() {
    return invoke.value();
  }

  /** The value the completion carries, or JSON null when there is no completion. */
  public JsonNode completionValue() {
    return completion == null ? NullNode.getInstance() : completion.value();
  }

  /** Position of the invocation in the history. */
  public int invokeIndex() {
    return invoke.index();
  }

  /**
   * Position after which the operation can no longer take effect: its completion for ok and fail,
   * and {@link Integer#MAX_VALUE} for an indeterminate operation, which may take effect at any
   * later point.
   */
  public int effectDeadlineIndex() {
    return isIndeterminate() ? Integer.MAX_VALUE : completion.index();
  }

  /**
   * True if this operation ended (ok or fail) before {@code other} was invoked, so any linearizable
   * system orders this one first.
   */
  public boolean precedes(Operation other) {
    return effectDeadlineIndex() < other.invokeIndex();
  }

  /** The error of the completion, or null. */
  public String error() {
    return completion == null ? null : completion.error();
  }

  /** A short human-readable form, such as {@code p3 cas [1,2] -> fail (lines 4-9)}. */
  @Override
  public String toString() {
    String end;
    if (completion == null) {
      end = "open";
    } else if (completion.type() == OpType.OK) {
      end = "ok " + completion.value();
    } else {
      end = completion.type().wireName();
    }
    String lines = completion == null
        ? "line " + invoke.line() + "-end"
        : "lines " + invoke.line() + "-" + completion.line();
    return "p" + process() + " " + f() + " " + invoke.value() + " -> " + end + " (" + lines + ")";
  }
}
