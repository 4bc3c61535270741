package io.statekv.chaos.checker;

import io.statekv.chaos.checker.LinearizabilityResult.PartitionResult;
import io.statekv.chaos.checker.internal.LinearizationSearch;
import io.statekv.chaos.history.History;
import io.statekv.chaos.history.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that a history is linearizable with respect to a {@link Model}: that every operation
 * can be given a point between its invocation and its completion at which it takes effect
 * atomically, in an order the model accepts.
 *
 * <p>The search is Wing and Gong's, with Lowe's memoisation of (linearized set, state) pairs and
 * O(1) lift and unlift of entries, as in Porcupine. Each partition of the model is checked on its
 * own. The search stops with {@link Verdict#UNKNOWN} when the budget (time, remembered states or
 * cancellation) runs out; it never guesses.
 * Stateless and thread-safe; each call runs on the calling thread.
 */
public final class LinearizabilityChecker {
  private LinearizabilityChecker() {}

  /** Checks the client operations of a history. */
  public static <S> LinearizabilityResult check(Model<S> model, History history, Budget budget) {
    return check(model, history.operations(), budget);
  }

  /**
   * Checks operations given in invocation order, as {@link History#operations()} returns them.
   *
   * @throws io.statekv.chaos.history.MalformedHistoryException if the model rejects an operation
   *     as malformed for it
   */
  public static <S> LinearizabilityResult check(Model<S> model, List<Operation> operations,
      Budget budget) {
    long startedAt = budget.nanoClock().getAsLong();
    Budget.Deadline deadline = budget.start();
    List<PartitionResult> results = new ArrayList<>();
    for (Model.Partition partition : model.partition(operations)) {
      results.add(new LinearizationSearch<>(model, partition.label(), partition.operations(),
          deadline, budget.statesMax()).run());
    }
    Verdict verdict = Verdict.combine(results.stream().map(PartitionResult::verdict).toList());
    Duration elapsed = Duration.ofNanos(budget.nanoClock().getAsLong() - startedAt);
    return new LinearizabilityResult(model.name(), verdict, results, elapsed);
  }
}
