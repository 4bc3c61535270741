package io.statekv.chaos.workload;

import io.statekv.chaos.checker.Verdict;
import java.util.Map;
import java.util.Objects;

/**
 * One checker's conclusion about a run's history. Immutable.
 *
 * @param checker the checker's name, such as {@code set} or {@code keyed-cas-register}
 * @param verdict valid, invalid or unknown
 * @param stats counts the checker reports, in order
 * @param report the checker's human-readable report
 */
public record CheckerVerdict(String checker, Verdict verdict, Map<String, Long> stats,
    String report) {
  public CheckerVerdict {
    Objects.requireNonNull(checker, "checker");
    Objects.requireNonNull(verdict, "verdict");
    stats = Map.copyOf(stats);
    report = report == null ? "" : report;
  }
}
