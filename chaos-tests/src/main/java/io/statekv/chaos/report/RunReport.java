package io.statekv.chaos.report;

import io.statekv.chaos.checker.Verdict;
import io.statekv.chaos.history.History;
import io.statekv.chaos.nemesis.FaultWindow;
import io.statekv.chaos.workload.CheckerVerdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a run's report shows. Immutable.
 *
 * @param title the run's name, such as {@code 20261122-0512-register-kill}
 * @param parameters the run's options in display order (workload, nemesis, seed, ...)
 * @param history the recorded history
 * @param faults the fault windows
 * @param verdicts each checker's verdict
 * @param converged true if every node agreed at the end
 * @param convergenceNote what the convergence check found
 * @param problems harness-level problems (failed injections, final reads that never succeeded)
 */
public record RunReport(String title, Map<String, String> parameters, History history,
    List<FaultWindow> faults, List<CheckerVerdict> verdicts, boolean converged,
    String convergenceNote, List<String> problems) {

  public RunReport {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(history, "history");
    parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    faults = List.copyOf(faults);
    verdicts = List.copyOf(verdicts);
    convergenceNote = convergenceNote == null ? "" : convergenceNote;
    problems = List.copyOf(problems);
  }

  /** Valid when every checker says valid and the cluster converged; invalid when any checker
   * found a violation or the cluster did not converge; unknown otherwise. */
  public Verdict overall() {
    Verdict checkers = Verdict.combine(verdicts.stream().map(CheckerVerdict::verdict).toList());
    if (checkers == Verdict.INVALID || !converged) {
      return Verdict.INVALID;
    }
    return verdicts.isEmpty() ? Verdict.UNKNOWN : checkers;
  }
}
