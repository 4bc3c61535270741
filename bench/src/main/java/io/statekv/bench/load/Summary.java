package io.statekv.bench.load;

import java.util.Locale;

/** One line of text per result, for logs and the script's progress. */
public final class Summary {
  private Summary() {}

  public static String line(RunResult r) {
    return String.format(Locale.ROOT,
        "result %s %s %d round=%d throughput=%.1f p50=%.3f p90=%.3f p99=%.3f p99.9=%.3f errors=%d conflicts=%d"
            + " server_cpu_us_per_op=%.1f client_cpu_us_per_op=%.1f load=%.1f",
        r.system(), r.workload(), r.inFlight(), r.round(), r.throughput(), r.latency("50"), r.latency("90"),
        r.latency("99"), r.latency("99.9"), r.errorCount(), r.conflicts(), r.serverCpuPerOpMicros(),
        r.clientCpuPerOpMicros(), r.loadAverage().get(1));
  }
}
