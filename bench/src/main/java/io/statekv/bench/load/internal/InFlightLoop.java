package io.statekv.bench.load.internal;

import io.statekv.bench.load.Driver;
import io.statekv.bench.load.Operation;
import io.statekv.bench.load.Outcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A closed loop: a fixed number of operations in flight, each completion starting the next one.
 * Nothing queues outside the system under test, so the rate is what the system sustains at this
 * concurrency.
 *
 * <p>Thread-safe. Operations start on the caller's thread for the first round and afterwards on
 * whatever thread completes the previous one (the client's I/O threads).
 */
final class InFlightLoop {
  /** One operation on one key. */
  record Request(Operation operation, int keyIndex) {}

  /** Chooses the next request; thread-safe. */
  interface Source {
    /** The next request, or null when there is no more work. */
    Request next();
  }

  /** Learns how each request ended; thread-safe. */
  interface Sink {
    /** Exactly one of {@code outcome} and {@code failure} is non-null. */
    void done(Request request, long latencyNanos, Outcome outcome, Throwable failure);
  }

  private final Driver driver;
  private final int slots;
  private final Source source;
  private final Sink sink;
  private final CountDownLatch idle;
  private volatile boolean stopping;

  InFlightLoop(Driver driver, int slots, Source source, Sink sink) {
    if (slots < 1) {
      throw new IllegalArgumentException("at least one operation must be in flight: " + slots);
    }
    this.driver = driver;
    this.slots = slots;
    this.source = source;
    this.sink = sink;
    this.idle = new CountDownLatch(slots);
  }

  void start() {
    for (int i = 0; i < slots; i++) {
      issue();
    }
  }

  /** Starts no new operations; those in flight still report to the sink. */
  void stop() {
    stopping = true;
  }

  /** Waits until every slot has finished its last operation; false on timeout. */
  boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
    return idle.await(timeout, unit);
  }

  private void issue() {
    while (!stopping) {
      Request request = source.next();
      if (request == null) {
        break;
      }
      long started = System.nanoTime();
      CompletableFuture<Outcome> pending = startSafely(request);
      if (!pending.isDone()) {
        pending.whenComplete((outcome, failure) -> {
          sink.done(request, System.nanoTime() - started, outcome, failure);
          issue();
        });
        return;
      }
      // Completed at once (typically refused): report here and loop, rather than recursing.
      report(request, started, pending);
    }
    idle.countDown();
  }

  private CompletableFuture<Outcome> startSafely(Request request) {
    try {
      return driver.start(request.operation(), request.keyIndex());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private void report(Request request, long started, CompletableFuture<Outcome> done) {
    long latency = System.nanoTime() - started;
    Outcome outcome;
    try {
      outcome = done.join();
    } catch (RuntimeException e) {
      sink.done(request, latency, null, e);
      return;
    }
    sink.done(request, latency, outcome, null);
  }
}
