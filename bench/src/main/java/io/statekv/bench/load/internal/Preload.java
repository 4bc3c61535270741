package io.statekv.bench.load.internal;

import io.statekv.bench.load.Driver;
import io.statekv.bench.load.KeySpace;
import io.statekv.bench.load.Operation;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes every key of the key space once, so that reads find values and writes overwrite. Keys
 * whose write failed are written again in a later pass, at most {@link #PASSES_MAX} passes.
 */
public final class Preload {
  static final int PASSES_MAX = 5;
  private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

  private Preload() {}

  /**
   * Writes the keys with {@code inFlight} writes in flight.
   *
   * @throws IllegalStateException if some keys still failed after the last pass
   */
  public static void run(Driver driver, KeySpace space, int inFlight, long timeoutMillis, PrintStream progress)
      throws InterruptedException {
    List<Integer> todo = new ArrayList<>(space.keys());
    for (int i = 0; i < space.keys(); i++) {
      todo.add(i);
    }
    long begin = System.nanoTime();
    for (int pass = 1; pass <= PASSES_MAX && !todo.isEmpty(); pass++) {
      todo = pass(driver, todo, inFlight, timeoutMillis, progress);
      progress.printf("  preload %s: pass %d done, %d keys left, %.1f s%n",
          driver.system(), pass, todo.size(), (System.nanoTime() - begin) / 1e9);
    }
    if (!todo.isEmpty()) {
      throw new IllegalStateException(todo.size() + " keys could not be written after " + PASSES_MAX + " passes");
    }
  }

  private static List<Integer> pass(Driver driver, List<Integer> keys, int inFlight, long timeoutMillis, PrintStream progress)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicLong written = new AtomicLong();
    ConcurrentLinkedQueue<Integer> failed = new ConcurrentLinkedQueue<>();
    InFlightLoop loop = new InFlightLoop(driver, inFlight,
        () -> {
          int i = next.getAndIncrement();
          return i < keys.size() ? new InFlightLoop.Request(Operation.PUT, keys.get(i)) : null;
        },
        (request, latency, outcome, failure) -> {
          if (failure == null) {
            written.incrementAndGet();
          } else {
            failed.add(request.keyIndex());
          }
        });
    loop.start();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) * (1 + keys.size() / inFlight);
    while (!loop.awaitIdle(PROGRESS_EVERY_NANOS, TimeUnit.NANOSECONDS)) {
      progress.printf("  preload %s: %,d of %,d written, %d failed%n", driver.system(), written.get(), keys.size(), failed.size());
      if (System.nanoTime() > deadline) {
        loop.stop();
        throw new IllegalStateException("the preload made no progress in time");
      }
    }
    return new ArrayList<>(failed);
  }
}
