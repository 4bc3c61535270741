package io.statekv.bench.watch;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * A latency recorder for many writer threads that does not make them contend: each thread records
 * into its own {@link SingleWriterRecorder}, and a reader merges their interval histograms. With a
 * thousand watchers the client's I/O threads record millions of lags a second; one shared
 * concurrent recorder would make the benchmark measure its own cache-line traffic. Thread-safe.
 */
final class LagRecorder {
  private static final int SIGNIFICANT_DIGITS = 3;

  private final Queue<SingleWriterRecorder> recorders = new ConcurrentLinkedQueue<>();
  private final ThreadLocal<SingleWriterRecorder> mine = ThreadLocal.withInitial(() -> {
    SingleWriterRecorder r = new SingleWriterRecorder(SIGNIFICANT_DIGITS);
    recorders.add(r);
    return r;
  });

  /** Records one value (nanoseconds) from the calling thread. */
  void record(long nanos) {
    mine.get().recordValue(nanos);
  }

  /** The values recorded since the last call (or {@link #reset}), from every thread. */
  Histogram intervalHistogram() {
    Histogram merged = new Histogram(SIGNIFICANT_DIGITS);
    for (SingleWriterRecorder r : recorders) {
      merged.add(r.getIntervalHistogram());
    }
    return merged;
  }

  /** Forgets what was recorded so far. */
  void reset() {
    intervalHistogram();
  }
}
