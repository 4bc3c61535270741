package io.statekv.bench.watch;

import io.statekv.client.StateKvClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes to the benchmark's scope: either as fast as a fixed number of requests in flight allows
 * (closed loop, for throughput), or paced at a fixed rate (open loop, for lag). Each value carries
 * its send time; each acknowledged revision is noted with the time its acknowledgement arrived.
 */
final class WriteLoad {
  static final String SCOPE = "watchbench";
  /** Distinct keys written in turn by default, so that the store stays small. */
  static final int KEYS = 1_000;

  private final StateKvClient client;
  private final int keys;
  final Map<Long, Long> committedAt = new ConcurrentHashMap<>();
  final AtomicLong acked = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  private long sequence;

  /** Writes go round keys {@code k0} to {@code k<keys - 1>}. */
  WriteLoad(StateKvClient client, int keys) {
    if (keys < 1) {
      throw new IllegalArgumentException("keys must be positive: " + keys);
    }
    this.client = client;
    this.keys = keys;
  }

  static String key(int index) {
    return "k" + index;
  }

  /** Writes with {@code inFlight} requests outstanding for {@code length}; returns acknowledged writes per second. */
  double closedLoop(int inFlight, Duration length) throws InterruptedException {
    Semaphore slots = new Semaphore(inFlight);
    long start = System.nanoTime();
    long end = start + length.toNanos();
    long before = acked.get();
    while (System.nanoTime() < end) {
      if (slots.tryAcquire(10, TimeUnit.MILLISECONDS)) {
        send(slots, false);
      }
    }
    slots.acquire(inFlight);
    return (acked.get() - before) / ((System.nanoTime() - start) / 1e9);
  }

  /**
   * Sends {@code ratePerSecond} writes a second for {@code length}, with at most {@code inFlightMax}
   * outstanding; returns how many slots were skipped because that bound was reached.
   */
  long openLoop(int ratePerSecond, int inFlightMax, Duration length) throws InterruptedException {
    Semaphore slots = new Semaphore(inFlightMax);
    long interval = 1_000_000_000L / ratePerSecond;
    long start = System.nanoTime();
    long writes = length.toSeconds() * ratePerSecond;
    long skipped = 0;
    for (long i = 0; i < writes; i++) {
      long due = start + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      if (slots.tryAcquire()) {
        send(slots, true);
      } else {
        skipped++;
      }
    }
    slots.acquire(inFlightMax);
    return skipped;
  }

  private void send(Semaphore slots, boolean noteCommit) {
    String key = key((int) (sequence++ % keys));
    client.setAsync(SCOPE, key, Map.of("sent", System.nanoTime())).whenComplete((result, failure) -> {
      if (failure == null) {
        if (noteCommit) {
          committedAt.put(result.entry().revision(), System.nanoTime());
        }
        acked.incrementAndGet();
      } else {
        failed.incrementAndGet();
      }
      slots.release();
    });
  }
}
