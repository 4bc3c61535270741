package io.statekv.chaos.checker;

import io.statekv.chaos.history.Operation;
import java.util.List;

/**
 * A sequential specification for the {@link LinearizabilityChecker}: what each operation does to
 * a state, and which results it may return.
 *
 * <p>Implementations must be pure and thread-safe: {@link #step} never changes {@code state},
 * and states must implement {@code equals} and {@code hashCode} by value, since the checker
 * remembers every (linearized set, state) pair it has explored.
 *
 * @param <S> the state type
 */
public interface Model<S> {

  /** The name the command line uses, such as {@code cas-register}. */
  String name();

  /** The state before any operation. */
  S init();

  /**
   * The state after {@code op} takes effect in {@code state}, or null when the operation cannot
   * take effect there because its recorded result contradicts the state.
   *
   * <p>For an indeterminate operation (info or open) the result is unknown, so the step should
   * accept every state; if it returns null the checker treats the operation as having had no
   * effect, which is always a possible outcome of an indeterminate operation.
   */
  S step(S state, Operation op);

  /**
   * Splits operations into independent sub-histories that are each checked on their own from
   * {@link #init()}, such as one per key (linearizability is compositional). This is also where a
   * model drops operations that certainly neither changed nor observed anything, such as failed
   * writes. Each partition keeps the operations in invocation order.
   */
  List<Partition> partition(List<Operation> operations);

  /** A readable form of a state for explanations. */
  default String describe(S state) {
    return String.valueOf(state);
  }

  /**
   * A sub-history checked on its own.
   *
   * @param label what the partition holds, such as {@code key 3}
   * @param operations its operations, in invocation order
   */
  record Partition(String label, List<Operation> operations) {
    public Partition {
      operations = List.copyOf(operations);
    }
  }
}
