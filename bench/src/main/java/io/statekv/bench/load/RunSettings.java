package io.statekv.bench.load;

import java.time.Duration;
import java.util.List;

/**
 * How one run is driven. Immutable; validated at construction.
 *
 * @param workload what to ask for
 * @param inFlight operations kept in flight (a closed loop), 1 to {@link #IN_FLIGHT_MAX}
 * @param warmup how long to run before measuring, whole seconds, 0 to {@link #WARMUP_MAX}
 * @param duration how long to measure, whole seconds, 1 s to {@link #DURATION_MAX}
 * @param serverPids the processes of the system under test, whose CPU time is measured
 * @param round which repetition of the matrix this is, from 1
 * @param progressEvery how often to print progress; zero for never
 * @param requestTimeout how long one operation may take before it counts as failed
 */
public record RunSettings(
    Workload workload,
    int inFlight,
    Duration warmup,
    Duration duration,
    List<Long> serverPids,
    int round,
    Duration progressEvery,
    Duration requestTimeout) {

  public static final int IN_FLIGHT_MAX = 1024;
  public static final Duration WARMUP_MAX = Duration.ofHours(1);
  public static final Duration DURATION_MAX = Duration.ofHours(24);

  public RunSettings {
    if (workload == null) {
      throw new NullPointerException("workload");
    }
    if (inFlight < 1 || inFlight > IN_FLIGHT_MAX) {
      throw new IllegalArgumentException("in-flight must be 1 to " + IN_FLIGHT_MAX + ": " + inFlight);
    }
    if (warmup.isNegative() || warmup.compareTo(WARMUP_MAX) > 0 || warmup.getNano() != 0) {
      throw new IllegalArgumentException("warm-up must be whole seconds, 0 to " + WARMUP_MAX.toSeconds() + ": " + warmup);
    }
    if (duration.getSeconds() < 1 || duration.compareTo(DURATION_MAX) > 0 || duration.getNano() != 0) {
      throw new IllegalArgumentException("duration must be whole seconds, 1 to " + DURATION_MAX.toSeconds() + ": " + duration);
    }
    if (round < 1) {
      throw new IllegalArgumentException("round must be at least 1: " + round);
    }
    if (progressEvery.isNegative() || requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("progress interval and request timeout must be positive");
    }
    serverPids = List.copyOf(serverPids);
  }
}
