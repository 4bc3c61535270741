package io.statekv.bench.load.internal;

import io.statekv.bench.load.RunSettings;
import java.io.PrintStream;
import org.HdrHistogram.Histogram;

/** Prints a run's progress every few seconds: phase, rate, latency and errors of the last period. */
final class ProgressLine {
  private final PrintStream out;
  private final String label;
  private final int warmupSeconds;
  private final long everySeconds;
  private final Histogram period = new Histogram(MeasuredRun.LATENCY_NANOS_MAX, 3);
  private int periodSeconds;

  ProgressLine(PrintStream out, String system, RunSettings settings, int warmupSeconds) {
    this.out = out;
    this.label = String.format("%-7s %-16s x%-4d", system, settings.workload().label(), settings.inFlight());
    this.warmupSeconds = warmupSeconds;
    this.everySeconds = settings.progressEvery().toSeconds();
  }

  /** Takes one second's latencies; prints when a period is complete. */
  void second(int second, Histogram interval, long errors) {
    if (everySeconds <= 0) {
      return;
    }
    period.add(interval);
    periodSeconds++;
    if (periodSeconds < everySeconds && second != warmupSeconds) {
      return;
    }
    String phase = second <= warmupSeconds ? "warm-up" : "measure";
    out.printf("  %s %-7s %4ds  %,9.0f ops/s  p50 %7.2f ms  p99 %7.2f ms  errors %d%n",
        label, phase, second, period.getTotalCount() / (double) periodSeconds,
        period.getValueAtPercentile(50) / 1e6, period.getValueAtPercentile(99) / 1e6, errors);
    out.flush();
    period.reset();
    periodSeconds = 0;
  }
}
