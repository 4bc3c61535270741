package io.statekv.bench.load.internal;

import io.statekv.bench.load.Driver;
import io.statekv.bench.load.Operation;
import io.statekv.bench.load.Outcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A driver for tests of the generator itself: it answers each operation from a script after a
 * delay on its own threads, and records how many operations were in flight at most and which keys
 * it saw.
 */
final class ScriptedDriver implements Driver {
  private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(3);
  private final long delayMicros;
  private final IntFunction<CompletableFuture<Outcome>> answer;
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger inFlightMax = new AtomicInteger();
  final AtomicInteger started = new AtomicInteger();
  final ConcurrentHashMap<Integer, Integer> keys = new ConcurrentHashMap<>();

  /** @param answer the outcome of the n-th operation (a failed future for a failure) */
  ScriptedDriver(long delayMicros, IntFunction<CompletableFuture<Outcome>> answer) {
    this.delayMicros = delayMicros;
    this.answer = answer;
  }

  @Override
  public String system() {
    return "scripted";
  }

  @Override
  public void awaitReady(int seconds) {}

  @Override
  public CompletableFuture<Outcome> start(Operation operation, int keyIndex) {
    int n = started.incrementAndGet();
    keys.merge(keyIndex, 1, Integer::sum);
    inFlightMax.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    CompletableFuture<Outcome> result = new CompletableFuture<>();
    threads.schedule(() -> {
      inFlight.decrementAndGet();
      answer.apply(n).whenComplete((o, e) -> {
        if (e != null) {
          result.completeExceptionally(e);
        } else {
          result.complete(o);
        }
      });
    }, delayMicros, TimeUnit.MICROSECONDS);
    return result;
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
