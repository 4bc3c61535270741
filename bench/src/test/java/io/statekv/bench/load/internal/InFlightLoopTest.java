package io.statekv.bench.load.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.bench.load.Driver;
import io.statekv.bench.load.Operation;
import io.statekv.bench.load.Outcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InFlightLoopTest {
  @Test
  void keepsExactlyTheSlotsInFlightAndRunsEveryRequestOnce() throws Exception {
    try (ScriptedDriver driver = new ScriptedDriver(200, n -> CompletableFuture.completedFuture(Outcome.OK))) {
      AtomicInteger next = new AtomicInteger();
      AtomicLong ok = new AtomicLong();
      InFlightLoop loop = new InFlightLoop(driver, 16,
          () -> {
            int i = next.getAndIncrement();
            return i < 5_000 ? new InFlightLoop.Request(Operation.PUT, i) : null;
          },
          (request, latency, outcome, failure) -> {
            assertThat(latency).isPositive();
            if (outcome == Outcome.OK) {
              ok.incrementAndGet();
            }
          });
      loop.start();
      assertThat(loop.awaitIdle(30, TimeUnit.SECONDS)).isTrue();
      assertThat(ok.get()).isEqualTo(5_000);
      assertThat(driver.keys).hasSize(5_000).allSatisfy((key, times) -> assertThat(times).isEqualTo(1));
      assertThat(driver.inFlightMax.get()).isEqualTo(16);
    }
  }

  @Test
  void operationsThatFailAtOnceAreReportedWithoutDeepRecursion() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Driver refusing = new Driver() {
      @Override
      public String system() {
        return "refusing";
      }

      @Override
      public void awaitReady(int seconds) {}

      @Override
      public CompletableFuture<Outcome> start(Operation operation, int keyIndex) {
        calls.incrementAndGet();
        if (keyIndex % 2 == 0) {
          throw new IllegalStateException("thrown");
        }
        return CompletableFuture.failedFuture(new IllegalStateException("failed"));
      }

      @Override
      public void close() {}
    };
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    InFlightLoop loop = new InFlightLoop(refusing, 4,
        () -> {
          int i = next.getAndIncrement();
          return i < 200_000 ? new InFlightLoop.Request(Operation.GET, i) : null;
        },
        (request, latency, outcome, failure) -> {
          assertThat(outcome).isNull();
          failures.incrementAndGet();
        });
    loop.start();
    assertThat(loop.awaitIdle(30, TimeUnit.SECONDS)).isTrue();
    assertThat(failures.get()).isEqualTo(200_000);
    assertThat(calls.get()).isEqualTo(200_000);
  }

  @Test
  void stopLetsTheOperationsInFlightFinish() throws Exception {
    try (ScriptedDriver driver = new ScriptedDriver(2_000, n -> CompletableFuture.completedFuture(Outcome.OK))) {
      AtomicLong done = new AtomicLong();
      InFlightLoop loop = new InFlightLoop(driver, 8, () -> new InFlightLoop.Request(Operation.PUT, 1),
          (request, latency, outcome, failure) -> done.incrementAndGet());
      loop.start();
      loop.stop();
      assertThat(loop.awaitIdle(30, TimeUnit.SECONDS)).isTrue();
      assertThat(done.get()).isEqualTo(driver.started.get()).isGreaterThanOrEqualTo(8);
      assertThat(driver.inFlight.get()).isZero();
    }
  }
}
