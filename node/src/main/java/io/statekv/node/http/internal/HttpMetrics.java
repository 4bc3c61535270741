package io.statekv.node.http.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Request metrics of the HTTP server, per operation and outcome: a counter ({@code
 * statekv_http_requests_total}) and a latency histogram ({@code
 * statekv_http_request_duration_seconds}), whose quantiles Prometheus computes across nodes with
 * {@code histogram_quantile}. Series are bounded: {@code op} is a route name, {@code outcome} is
 * {@code ok}, an error code's wire name, {@code forwarded} or {@code not_ready}, and the histogram
 * has a fixed set of {@link #LATENCY_BUCKETS} rather than Micrometer's 70-odd percentile buckets.
 * Thread-safe.
 */
final class HttpMetrics {
  static final String REQUESTS = "statekv.http.requests";
  static final String DURATION = "statekv.http.request.duration";

  /** Histogram bucket bounds, from a fast read to past the longest request timeout. */
  static final Duration[] LATENCY_BUCKETS = {
      Duration.ofMillis(1).dividedBy(2), Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
      Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(100),
      Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
      Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

  private final MeterRegistry registry;

  HttpMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void record(String op, String outcome, long elapsedNanos) {
    Counter.builder(REQUESTS)
        .description("HTTP requests answered, by operation and outcome")
        .tag("op", op)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
    Timer.builder(DURATION)
        .description("Time from a complete HTTP request to its answer, by operation and outcome")
        .tag("op", op)
        .tag("outcome", outcome)
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .register(registry)
        .record(elapsedNanos, TimeUnit.NANOSECONDS);
  }
}
