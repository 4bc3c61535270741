package io.statekv.chaos.run;

import io.statekv.chaos.nemesis.NemesisSchedule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The options of one chaos run, validated once. Immutable.
 *
 * @param workload the workload's name
 * @param nemeses the nemeses' names; empty for a run without faults
 * @param nodes 3 or 5
 * @param timeLimit how long the workload and the faults run
 * @param rate target operations per second over all client processes
 * @param concurrency client processes
 * @param seed the seed of every random choice
 * @param outDir the parent of the run folder
 * @param image the node image; null to build it from the node's shaded jar
 * @param intervals how long faults and the pauses between them last
 * @param checkTimeLimit how long the linearizability search may run
 * @param settleTimeout how long healing, the final operations and the convergence check may
 *     each take
 */
public record RunOptions(String workload, List<String> nemeses, int nodes, Duration timeLimit,
    double rate, int concurrency, long seed, Path outDir, String image,
    NemesisSchedule.Intervals intervals, Duration checkTimeLimit, Duration settleTimeout) {

  /** The default settle timeout: a restarted node may need a snapshot install. */
  public static final Duration SETTLE_TIMEOUT_DEFAULT = Duration.ofSeconds(90);

  /** The longest run accepted: a day. */
  public static final Duration TIME_LIMIT_MAX = Duration.ofDays(1);
  /** Client processes at most; each holds its own connections. */
  public static final int CONCURRENCY_MAX = 256;
  /** Operations per second at most. */
  public static final double RATE_MAX = 100_000;

  public RunOptions {
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(timeLimit, "timeLimit");
    Objects.requireNonNull(outDir, "outDir");
    Objects.requireNonNull(intervals, "intervals");
    Objects.requireNonNull(checkTimeLimit, "checkTimeLimit");
    Objects.requireNonNull(settleTimeout, "settleTimeout");
    nemeses = List.copyOf(nemeses);
    if (nodes != 3 && nodes != 5) {
      throw new IllegalArgumentException("--nodes must be 3 or 5, not " + nodes);
    }
    if (timeLimit.isNegative() || timeLimit.isZero() || timeLimit.compareTo(TIME_LIMIT_MAX) > 0) {
      throw new IllegalArgumentException("--time-limit must be from 1 s to " + TIME_LIMIT_MAX
          .toHours() + " h, not " + timeLimit.toSeconds() + " s");
    }
    if (!(rate > 0 && rate <= RATE_MAX)) {
      throw new IllegalArgumentException("--rate must be above 0 and at most " + RATE_MAX
          + ", not " + rate);
    }
    if (concurrency < 1 || concurrency > CONCURRENCY_MAX) {
      throw new IllegalArgumentException("--concurrency must be from 1 to " + CONCURRENCY_MAX
          + ", not " + concurrency);
    }
  }

  /** These options with another settle timeout. */
  public RunOptions withSettleTimeout(Duration timeout) {
    return new RunOptions(workload, nemeses, nodes, timeLimit, rate, concurrency, seed, outDir,
        image, intervals, checkTimeLimit, timeout);
  }

  /** The nemeses for names and folder names: {@code kill+pause}, or {@code none}. */
  public String nemesisLabel() {
    return nemeses.isEmpty() ? "none" : String.join("+", nemeses);
  }
}
