package io.statekv.chaos.checker;

import io.statekv.chaos.history.History;
import io.statekv.chaos.history.MalformedHistoryException;
import io.statekv.chaos.history.Operation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Checks a counter workload: {@code add} ops (value: an integer delta, usually 1) and {@code read}
 * ops (value on ok: the counter). The counter starts at 0.
 *
 * <p>Each ok read must lie within the bounds the history allows: every add acknowledged before
 * the read began must be counted, and any other add that was not failed and began before the read
 * ended may be counted or not. So a read must be at least the acknowledged sum plus every
 * possibly counted negative delta, and at most the acknowledged sum plus every possibly counted
 * positive delta. With only increments and a final read after the run, this is the familiar
 * {@code [sum of ok adds, sum of ok and indeterminate adds]}. An add the client retried inside
 * one operation counts once; a duplicate application shows as a read above the bound. A read
 * outside its bounds is an {@code out-of-bounds} anomaly; without an ok read the verdict is
 * unknown. Stateless and thread-safe.
 */
public final class CounterChecker {
  /** The checker's name in results. */
  public static final String NAME = "counter";

  private CounterChecker() {}

  /**
   * Checks the history.
   *
   * @throws MalformedHistoryException if an op is not an add or read of integers
   */
  public static CheckResult check(History history) {
    List<Operation> adds = new ArrayList<>();
    List<Operation> reads = new ArrayList<>();
    for (Operation op : history.operations()) {
      switch (op.f()) {
        case "add" -> adds.add(validAdd(op));
        case "read" -> {
          if (op.isOk()) {
            reads.add(validRead(op));
          }
        }
        default -> throw new MalformedHistoryException(op.invoke().line(),
            "the counter checker knows only add and read, not '" + op.f() + "'");
      }
    }
    DeltaSums acknowledged = new DeltaSums(adds.stream().filter(Operation::isOk).toList(),
        op -> op.completion().index());
    DeltaSums begun = new DeltaSums(adds.stream().filter(op -> !op.isFail()).toList(),
        Operation::invokeIndex);
    List<Anomaly> anomalies = new ArrayList<>();
    for (Operation read : reads) {
      checkRead(read, acknowledged, begun, anomalies);
    }
    Map<String, Long> stats = new LinkedHashMap<>();
    stats.put("ok-adds", adds.stream().filter(Operation::isOk).count());
    stats.put("failed-adds", adds.stream().filter(Operation::isFail).count());
    stats.put("indeterminate-adds", adds.stream().filter(Operation::isIndeterminate).count());
    stats.put("ok-reads", (long) reads.size());
    stats.put("out-of-bounds-reads", (long) anomalies.size());
    if (!reads.isEmpty()) {
      stats.put("last-read", reads.get(reads.size() - 1).completionValue().longValue());
    }
    return CheckResult.of(NAME, anomalies, stats, !reads.isEmpty(), "no read completed");
  }

  private static void checkRead(Operation read, DeltaSums acknowledged, DeltaSums begun,
      List<Anomaly> anomalies) {
    int invokedAt = read.invokeIndex();
    int completedAt = read.completion().index();
    long mustPositive = acknowledged.positiveBefore(invokedAt);
    long mustNegative = acknowledged.negativeBefore(invokedAt);
    long must = Math.addExact(mustPositive, mustNegative);
    long lower = Math.addExact(must, begun.negativeBefore(completedAt) - mustNegative);
    long upper = Math.addExact(must, begun.positiveBefore(completedAt) - mustPositive);
    long value = read.completionValue().longValue();
    if (value < lower || value > upper) {
      anomalies.add(new Anomaly("out-of-bounds", "read " + value + " but the history allows only ["
          + lower + ", " + upper + "]", List.of(read.invoke(), read.completion())));
    }
  }

  private static Operation validAdd(Operation op) {
    if (!op.invokeValue().isIntegralNumber() || !op.invokeValue().canConvertToLong()) {
      throw new MalformedHistoryException(op.invoke().line(),
          "an add must carry an integer delta, got " + op.invokeValue());
    }
    return op;
  }

  private static Operation validRead(Operation op) {
    if (!op.completionValue().isIntegralNumber() || !op.completionValue().canConvertToLong()) {
      throw new MalformedHistoryException(op.completion().line(),
          "an ok read must return an integer, got " + op.completionValue());
    }
    return op;
  }

  /** Sums of positive and of negative deltas of the adds whose position is before a point. */
  private static final class DeltaSums {
    private final int[] positions;
    private final long[] positiveSums;
    private final long[] negativeSums;

    DeltaSums(List<Operation> adds, ToIntFunction<Operation> position) {
      List<Operation> sorted = new ArrayList<>(adds);
      sorted.sort(Comparator.comparingInt(position));
      positions = new int[sorted.size()];
      positiveSums = new long[sorted.size() + 1];
      negativeSums = new long[sorted.size() + 1];
      for (int i = 0; i < sorted.size(); i++) {
        long delta = sorted.get(i).invokeValue().longValue();
        positions[i] = position.applyAsInt(sorted.get(i));
        positiveSums[i + 1] = Math.addExact(positiveSums[i], Math.max(delta, 0));
        negativeSums[i + 1] = Math.addExact(negativeSums[i], Math.min(delta, 0));
      }
    }

    long positiveBefore(int point) {
      return positiveSums[countBefore(point)];
    }

    long negativeBefore(int point) {
      return negativeSums[countBefore(point)];
    }

    private int countBefore(int point) {
      int found = Arrays.binarySearch(positions, point);
      return found >= 0 ? found : -found - 1;
    }
  }
}
