package io.statekv.bench.report;

import io.statekv.bench.load.RunResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Values of one measure over the rounds of a matrix: the median, which the report leads with,
 * and the range, which says how much the machine's noise moved it. Immutable.
 */
public record Spread(List<Double> values) {
  public Spread {
    values = values.stream().sorted().toList();
  }

  /** One measure of every run. Negative values (not measured) are left out. */
  public static Spread of(List<RunResult> runs, ToDoubleFunction<RunResult> measure) {
    List<Double> values = new ArrayList<>();
    for (RunResult r : runs) {
      double v = measure.applyAsDouble(r);
      if (v >= 0 && Double.isFinite(v)) {
        values.add(v);
      }
    }
    return new Spread(values);
  }

  /**
   * statekv's measure over etcd's, one ratio per round in which both systems ran, so that a slow
   * spell of the machine, which hits both runs of a round alike, cancels out.
   */
  static Spread ofRatios(Cell cell, ToDoubleFunction<RunResult> measure) {
    Map<Integer, RunResult> etcdByRound = new HashMap<>();
    cell.etcd().forEach(r -> etcdByRound.put(r.round(), r));
    List<Double> ratios = new ArrayList<>();
    for (RunResult s : cell.statekv()) {
      RunResult e = etcdByRound.get(s.round());
      if (e == null) {
        continue;
      }
      double num = measure.applyAsDouble(s);
      double den = measure.applyAsDouble(e);
      if (num >= 0 && den > 0 && Double.isFinite(num / den)) {
        ratios.add(num / den);
      }
    }
    return new Spread(ratios);
  }

  /** The median, or NaN when there are no values. */
  public double median() {
    int n = values.size();
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
  }

  public double min() {
    return values.isEmpty() ? Double.NaN : values.get(0);
  }

  public double max() {
    return values.isEmpty() ? Double.NaN : values.get(values.size() - 1);
  }
}
