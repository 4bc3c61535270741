package io.statekv.node.http.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Request metrics of the HTTP server, per operation and outcome: a counter ({@code
 * statekv_http_requests_total}) and a latency timer with a histogram and percentiles ({@code
 * statekv_http_request_duration_seconds}). Tags are bounded: {@code op} is a route name and {@code
 * outcome} is {@code ok}, an error code's wire name, {@code forwarded} or {@code not_ready}.
 * Thread-safe.
 */
final class HttpMetrics {
  static final String REQUESTS = "statekv.http.requests";
  static final String DURATION = "statekv.http.request.duration";

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
        .publishPercentileHistogram()
        .publishPercentiles(0.5, 0.9, 0.99)
        .minimumExpectedValue(Duration.ofMillis(1).dividedBy(10))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry)
        .record(elapsedNanos, TimeUnit.NANOSECONDS);
  }
}
