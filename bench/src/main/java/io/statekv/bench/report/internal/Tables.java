package io.statekv.bench.report.internal;

import io.statekv.bench.load.RunResult;
import io.statekv.bench.report.Cell;
import io.statekv.bench.report.ResultSet;
import io.statekv.bench.report.Spread;
import io.statekv.bench.report.Target;
import java.util.Locale;
import java.util.Optional;

/** The report's tables: goals, ratios and the absolute figures of each system. */
final class Tables {
  private Tables() {}

  static Table targets(ResultSet results) {
    Table t = new Table("goal (64 in flight)", "ratio statekv / etcd, median (range)", "met");
    for (Target goal : Target.GOALS) {
      Optional<Spread> ratio = goal.measured(results);
      t.row(goal.name(),
          ratio.map(Tables::ratio).orElse("not run"),
          ratio.map(s -> goal.met(s.median()) ? "yes" : "no").orElse("-"));
    }
    return t;
  }

  static Table ratios(ResultSet results) {
    Table t = new Table("workload", "in flight", "throughput", "p99 latency", "server CPU per op", "rounds");
    for (Cell cell : results.cells()) {
      if (cell.comparable()) {
        t.row(cell.workload(), Integer.toString(cell.inFlight()), ratio(cell.throughputRatio()),
            ratio(cell.p99Ratio()), ratio(cell.cpuPerOpRatio()), Integer.toString(cell.throughputRatio().values().size()));
      }
    }
    return t;
  }

  static Table absolute(ResultSet results) {
    Table t = new Table("workload", "in flight", "system", "ops/s median (range)", "p50 ms", "p90 ms", "p99 ms",
        "p99.9 ms", "server CPU µs/op", "client CPU µs/op", "errors", "conflicts", "load avg");
    for (Cell cell : results.cells()) {
      for (String system : Charts.SYSTEMS) {
        var runs = cell.runs(system);
        if (runs.isEmpty()) {
          continue;
        }
        t.row(cell.workload(), Integer.toString(cell.inFlight()), system,
            String.format(Locale.ROOT, "%,.0f (%,.0f–%,.0f)", median(runs, RunResult::throughput),
                Spread.of(runs, RunResult::throughput).min(), Spread.of(runs, RunResult::throughput).max()),
            ms(runs, "50"), ms(runs, "90"), ms(runs, "99"), ms(runs, "99.9"),
            String.format(Locale.ROOT, "%.1f", median(runs, RunResult::serverCpuPerOpMicros)),
            String.format(Locale.ROOT, "%.1f", median(runs, RunResult::clientCpuPerOpMicros)),
            Long.toString(runs.stream().mapToLong(RunResult::errorCount).sum()),
            Long.toString(runs.stream().mapToLong(RunResult::conflicts).sum()),
            String.format(Locale.ROOT, "%.1f", median(runs, r -> r.loadAverage().get(1))));
      }
    }
    return t;
  }

  static String ratio(Spread s) {
    if (s.values().isEmpty()) {
      return "-";
    }
    if (s.values().size() == 1) {
      return String.format(Locale.ROOT, "%.2f", s.median());
    }
    return String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", s.median(), s.min(), s.max());
  }

  private static double median(java.util.List<RunResult> runs, java.util.function.ToDoubleFunction<RunResult> f) {
    return Spread.of(runs, f).median();
  }

  private static String ms(java.util.List<RunResult> runs, String percentile) {
    return String.format(Locale.ROOT, "%.2f", median(runs, r -> r.latency(percentile)));
  }
}
