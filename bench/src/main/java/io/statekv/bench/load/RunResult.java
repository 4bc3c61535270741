package io.statekv.bench.load;

import java.util.List;
import java.util.Map;

/**
 * What one run of one workload at one in-flight count measured, after its warm-up. Immutable;
 * written as JSON by the load generator and read back by the report.
 *
 * @param system {@code statekv} or {@code etcd}
 * @param workload the workload label, such as {@code get-serializable}
 * @param inFlight operations kept in flight
 * @param round which repetition of the matrix this run belongs to, from 1
 * @param startedAt when the measured window began, ISO-8601
 * @param seconds the measured window's length
 * @param ops operations acknowledged in the window (conflicts included)
 * @param conflicts compare-and-sets that found the key changed and wrote nothing
 * @param errors failures by kind (error code or exception), not counted in {@code ops}
 * @param throughput {@code ops / seconds}
 * @param latencyMs latency percentiles in milliseconds, keyed by percentile ({@code "50"}, {@code
 *     "99.9"}, {@code "100"} for the maximum)
 * @param meanMs mean latency in milliseconds
 * @param serverCpuSeconds CPU the server processes used in the window, all of them together
 * @param clientCpuSeconds CPU the load generator's JVM used in the window
 * @param serverCpuPerOpMicros {@code serverCpuSeconds / ops}, in microseconds
 * @param clientCpuPerOpMicros {@code clientCpuSeconds / ops}, in microseconds
 * @param loadAverage the machine's one-minute load average at the start and the end of the window
 * @param throughputSeries acknowledged operations per second of the window, second by second
 */
public record RunResult(
    String system,
    String workload,
    int inFlight,
    int round,
    String startedAt,
    double seconds,
    long ops,
    long conflicts,
    Map<String, Long> errors,
    double throughput,
    Map<String, Double> latencyMs,
    double meanMs,
    double serverCpuSeconds,
    double clientCpuSeconds,
    double serverCpuPerOpMicros,
    double clientCpuPerOpMicros,
    List<Double> loadAverage,
    List<Long> throughputSeries) {

  /** The percentiles every result reports, as keys of {@link #latencyMs}. */
  public static final List<String> PERCENTILES = List.of("50", "90", "99", "99.9", "100");

  public RunResult {
    errors = Map.copyOf(errors);
    latencyMs = Map.copyOf(latencyMs);
    loadAverage = List.copyOf(loadAverage);
    throughputSeries = List.copyOf(throughputSeries);
  }

  /** Failures in the window, of every kind. */
  public long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The latency at a percentile of {@link #PERCENTILES}, in milliseconds. */
  public double latency(String percentile) {
    Double value = latencyMs.get(percentile);
    if (value == null) {
      throw new IllegalArgumentException("no latency recorded at percentile " + percentile);
    }
    return value;
  }
}
