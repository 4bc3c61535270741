package io.statekv.chaos.run;

import io.statekv.chaos.nemesis.NemesisSchedule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A named chaos scenario: a situation (scenario) under faults (nemeses) with traffic (workload),
 * run on a fresh 3-node cluster with a fixed seed. The short matrix runs with the test suite;
 * every workload and every nemesis appears in it at least once. Immutable.
 *
 * @param name what the scenario shows, such as {@code lost-leader-register}
 * @param workload the traffic
 * @param nemeses the faults
 * @param timeLimit how long traffic and faults run
 * @param seed the fixed seed, so that a failure replays with the same choices
 */
public record ChaosScenario(String name, String workload, List<String> nemeses,
    Duration timeLimit, long seed) {

  /** Traffic of the short matrix: light enough for a 2-core machine running three nodes. */
  public static final double MATRIX_RATE = 30;
  public static final int MATRIX_CONCURRENCY = 4;

  public ChaosScenario {
    nemeses = List.copyOf(nemeses);
  }

  /** The short matrix, 20-30 s of traffic per scenario. */
  public static final List<ChaosScenario> SHORT_MATRIX = List.of(
      new ChaosScenario("leader-loss-register", "register",
          List.of("partition-halves", "kill-leader"), Duration.ofSeconds(25), 101),
      new ChaosScenario("crashes-set", "set",
          List.of("kill", "pause"), Duration.ofSeconds(25), 102),
      new ChaosScenario("failover-exactly-once-counter", "counter",
          List.of("partition-leader", "transfer-leader"), Duration.ofSeconds(25), 103),
      new ChaosScenario("split-views-list-append", "list-append",
          List.of("partition-ring", "partition-bridge", "pause-leader"), Duration.ofSeconds(25),
          104),
      new ChaosScenario("rejoin-empty-set", "set",
          List.of("wipe", "member"), Duration.ofSeconds(30), 105),
      new ChaosScenario("damaged-disk-register", "register",
          List.of("truncate-log", "corrupt-snapshot"), Duration.ofSeconds(30), 106),
      new ChaosScenario("expiry-across-failover-ttl", "ttl",
          List.of("kill-leader", "pause"), Duration.ofSeconds(20), 107));

  /** The options of this scenario's run. */
  public RunOptions options(Path outDir, String image) {
    return new RunOptions(workload, nemeses, 3, timeLimit, MATRIX_RATE, MATRIX_CONCURRENCY, seed,
        outDir, image, new NemesisSchedule.Intervals(Duration.ofSeconds(2), Duration.ofSeconds(4),
            Duration.ofSeconds(4), Duration.ofSeconds(7)), Duration.ofSeconds(120),
        RunOptions.SETTLE_TIMEOUT_DEFAULT);
  }

  @Override
  public String toString() {
    return name + " (" + workload + " x " + String.join("+", nemeses) + ")";
  }
}
