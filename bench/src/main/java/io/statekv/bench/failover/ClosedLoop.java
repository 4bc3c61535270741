package io.statekv.bench.failover;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.HdrHistogram.Recorder;

/**
 * Keeps a fixed number of requests in flight until stopped: a new request starts as soon as one
 * completes. Records each completed request's latency and hands its completion time to {@link
 * AckTimeline}. Failed requests are counted, not retried (the client already retries what it may).
 *
 * <p>Thread-safe for one {@link #run} at a time; {@link #stop} may be called from any thread.
 */
final class ClosedLoop {
  private final int inFlight;
  private final Semaphore slots;
  private final Supplier<CompletableFuture<?>> request;
  private final AckTimeline timeline;
  private final Recorder latencies = new Recorder(3);
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile boolean stopped;

  ClosedLoop(int inFlight, Supplier<CompletableFuture<?>> request, AckTimeline timeline) {
    this.inFlight = inFlight;
    this.slots = new Semaphore(inFlight);
    this.request = request;
    this.timeline = timeline;
  }

  /** Issues requests until {@link #stop}; returns once every issued request has completed. */
  void run() throws InterruptedException {
    while (!stopped) {
      if (!slots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
        continue;
      }
      long start = System.nanoTime();
      request.get().whenComplete((r, e) -> {
        long end = System.nanoTime();
        if (e == null) {
          ok.incrementAndGet();
          latencies.recordValue(Math.max(1, (end - start) / 1_000));
          timeline.acked(end);
        } else {
          failed.incrementAndGet();
        }
        slots.release();
      });
    }
    slots.acquire(inFlight); // drain: every request issued has an outcome before we return
    slots.release(inFlight);
  }

  void stop() {
    stopped = true;
  }

  long ok() {
    return ok.get();
  }

  long failed() {
    return failed.get();
  }

  /** The latencies recorded since the last call, in microseconds. */
  org.HdrHistogram.Histogram takeLatencies() {
    return latencies.getIntervalHistogram();
  }
}
