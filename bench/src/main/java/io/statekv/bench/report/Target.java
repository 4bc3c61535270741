package io.statekv.bench.report;

import java.util.List;
import java.util.Optional;

/**
 * A performance goal of statekv relative to etcd, checked on the median of the per-round ratios.
 * Immutable.
 *
 * @param name what the goal says
 * @param workload the workload it is measured on
 * @param inFlight the in-flight count it is measured at
 * @param measure {@code throughput}, {@code p99} or {@code cpu_per_op}
 * @param atLeast true when the ratio must reach the bound, false when it must stay at or under it
 * @param bound the ratio bound
 */
public record Target(String name, String workload, int inFlight, String measure, boolean atLeast, double bound) {
  /** statekv's goals at 64 in flight on a 2-core machine. */
  public static final List<Target> GOALS = List.of(
      new Target("writes: at least 2x etcd's ops/s", "put", 64, "throughput", true, 2.0),
      new Target("writes: p99 at most etcd's", "put", 64, "p99", false, 1.0),
      new Target("linearizable reads: at least 2x etcd's ops/s", "get", 64, "throughput", true, 2.0),
      new Target("serializable reads: at least 3x etcd's ops/s", "get-serializable", 64, "throughput", true, 3.0),
      new Target("server CPU per acknowledged write: at most 0.5x etcd's", "put", 64, "cpu_per_op", false, 0.5));

  /** The measured ratio of this goal in a result set, if its cell was run by both systems. */
  public Optional<Spread> measured(ResultSet results) {
    return results.cells(workload).stream()
        .filter(c -> c.inFlight() == inFlight && c.comparable())
        .findFirst()
        .map(c -> switch (measure) {
          case "throughput" -> c.throughputRatio();
          case "p99" -> c.p99Ratio();
          case "cpu_per_op" -> c.cpuPerOpRatio();
          default -> throw new IllegalStateException("unknown measure " + measure);
        });
  }

  /** Whether a median ratio meets the goal. */
  public boolean met(double ratio) {
    return atLeast ? ratio >= bound : ratio <= bound;
  }
}
