package io.statekv.bench.load.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.statekv.bench.load.KeySpace;
import io.statekv.bench.load.Outcome;
import io.statekv.bench.load.RunResult;
import io.statekv.bench.load.RunSettings;
import io.statekv.bench.load.Workload;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class MeasuredRunTest {
  @Test
  void measuresOnlyTheWindowAfterTheWarmupAndCountsOutcomesByKind() throws Exception {
    // Every 10th operation fails, every 7th (that does not fail) finds a conflict.
    try (ScriptedDriver driver = new ScriptedDriver(1_000, n -> n % 10 == 0
        ? CompletableFuture.failedFuture(new MissingKeyException())
        : CompletableFuture.completedFuture(n % 7 == 0 ? Outcome.CONFLICT : Outcome.OK))) {
      RunSettings settings = new RunSettings(Workload.CAS, 8, Duration.ofSeconds(1), Duration.ofSeconds(2),
          List.of(ProcessHandle.current().pid()), 3, Duration.ofSeconds(1), Duration.ofSeconds(5));
      ByteArrayOutputStream progress = new ByteArrayOutputStream();
      RunResult r = new MeasuredRun(driver, new KeySpace(1_000, 64), settings,
          new PrintStream(progress, true, StandardCharsets.UTF_8)).execute();

      assertThat(r.system()).isEqualTo("scripted");
      assertThat(r.workload()).isEqualTo("cas");
      assertThat(r.round()).isEqualTo(3);
      assertThat(r.seconds()).isCloseTo(2.0, within(0.3));
      assertThat(r.throughputSeries()).hasSize(2);
      assertThat(r.throughputSeries().stream().mapToLong(Long::longValue).sum()).isEqualTo(r.ops());
      assertThat(r.throughput()).isCloseTo(r.ops() / r.seconds(), within(1e-6));
      // Warm-up operations are not counted: far fewer than everything the driver started.
      assertThat(r.ops() + r.errorCount()).isLessThan(driver.started.get());
      assertThat(r.errors()).containsOnlyKeys("missing_key");
      assertThat((double) r.errorCount() / (r.ops() + r.errorCount())).isCloseTo(0.1, within(0.03));
      assertThat(r.conflicts()).isPositive().isLessThan(r.ops());
      assertThat(r.latency("50")).isGreaterThanOrEqualTo(1.0);
      assertThat(r.latency("99")).isGreaterThanOrEqualTo(r.latency("50"));
      assertThat(r.serverCpuSeconds()).isNotNegative();
      assertThat(r.clientCpuPerOpMicros()).isNotNegative();
      assertThat(progress.toString(StandardCharsets.UTF_8)).contains("warm-up").contains("measure").contains("ops/s");
    }
  }

  @Test
  void withoutServerProcessesTheServerCpuIsMarkedUnmeasured() throws Exception {
    try (ScriptedDriver driver = new ScriptedDriver(500, n -> CompletableFuture.completedFuture(Outcome.OK))) {
      RunSettings settings = new RunSettings(Workload.GET, 4, Duration.ZERO, Duration.ofSeconds(1),
          List.of(), 1, Duration.ZERO, Duration.ofSeconds(5));
      RunResult r = new MeasuredRun(driver, new KeySpace(10, 16), settings, new PrintStream(new ByteArrayOutputStream())).execute();
      assertThat(r.ops()).isPositive();
      assertThat(r.serverCpuSeconds()).isEqualTo(-1);
      assertThat(r.serverCpuPerOpMicros()).isEqualTo(-1);
      assertThat(driver.keys.keySet()).allSatisfy(k -> assertThat(k).isBetween(0, 9));
    }
  }
}
