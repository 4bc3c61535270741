package io.statekv.chaos.run;

import io.statekv.chaos.nemesis.NemesisSchedule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A named chaos scenario: a situation (scenario) under faults (nemeses) with traffic (workload),
 * run on a fresh cluster with a fixed seed. The short matrix runs with the test suite; every
 * workload and every nemesis appears in it at least once, and every scenario lasts long enough for
 * each of its nemeses to be injected once (the schedule runs them in rounds). Immutable.
 *
 * @param name what the scenario shows, such as {@code leader-loss-register}
 * @param workload the traffic
 * @param nemeses the faults
 * @param nodes the cluster size, 3 or 5
 * @param timeLimit how long traffic and faults run
 * @param seed the fixed seed, so that a failure replays with the same choices
 */
public record ChaosScenario(String name, String workload, List<String> nemeses, int nodes,
    Duration timeLimit, long seed) {

  /** Traffic of the short matrix: light enough for a 2-core machine running the nodes. */
  public static final double MATRIX_RATE = 30;
  public static final int MATRIX_CONCURRENCY = 4;
  /** Fault intervals of the short matrix: a quiet 2-3 s, then a fault held 3-4 s. */
  public static final NemesisSchedule.Intervals MATRIX_INTERVALS = new NemesisSchedule.Intervals(
      Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(4));
  /** The longest one fault round takes: each nemesis after the longest quiet, held longest. */
  static final Duration MATRIX_ROUND_PER_NEMESIS = MATRIX_INTERVALS.quietMax()
      .plus(MATRIX_INTERVALS.faultMax());

  public ChaosScenario {
    nemeses = List.copyOf(nemeses);
  }

  /**
   * The short matrix, 20-40 s of traffic per scenario: seven on 3 nodes, and one on 5, where the
   * ring partition is a true majority ring (each node sees itself and its two ring neighbours, a
   * majority, but no two nodes see the same one) and a leader's hand-off must pick among four
   * voters. Each scenario lasts at least one
   * round of its nemeses at the longest intervals, plus room for slow injections and heals
   * (stopping a node, a member removal, a restart). On 5 nodes a heal that restarts a node took
   * 9 s on the 2-core machine (JVM and Raft start under the load of four other nodes), so that
   * scenario has 40 s.
   */
  public static final List<ChaosScenario> SHORT_MATRIX = List.of(
      new ChaosScenario("leader-loss-register", "register",
          List.of("partition-halves", "kill-leader"), 3, Duration.ofSeconds(20), 101),
      new ChaosScenario("crashes-set", "set",
          List.of("kill", "pause", "transfer-leader"), 3, Duration.ofSeconds(24), 102),
      new ChaosScenario("failover-exactly-once-counter", "counter",
          List.of("partition-leader", "member"), 3, Duration.ofSeconds(30), 103),
      new ChaosScenario("split-views-list-append", "list-append",
          List.of("partition-ring", "partition-bridge", "pause-leader"), 3, Duration.ofSeconds(30),
          104),
      new ChaosScenario("damaged-disk-register", "register",
          List.of("truncate-log", "corrupt-snapshot", "wipe"), 3, Duration.ofSeconds(40), 106),
      new ChaosScenario("expiry-across-failover-ttl", "ttl",
          List.of("kill-leader", "pause"), 3, Duration.ofSeconds(20), 107),
      new ChaosScenario("watch-across-failover", "watch",
          List.of("kill-leader", "partition-halves"), 3, Duration.ofSeconds(20), 108),
      new ChaosScenario("majority-ring-register-5", "register",
          List.of("partition-ring", "member", "kill-leader"), 5, Duration.ofSeconds(40), 501));

  /** The options of this scenario's run. */
  public RunOptions options(Path outDir, String image) {
    return new RunOptions(workload, nemeses, nodes, timeLimit, MATRIX_RATE, MATRIX_CONCURRENCY,
        seed, outDir, image, MATRIX_INTERVALS, Duration.ofSeconds(120),
        RunOptions.SETTLE_TIMEOUT_DEFAULT);
  }

  @Override
  public String toString() {
    return name + " (" + workload + " x " + String.join("+", nemeses) + ", " + nodes + " nodes)";
  }
}
