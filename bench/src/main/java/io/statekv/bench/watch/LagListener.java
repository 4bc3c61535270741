package io.statekv.bench.watch;

import io.statekv.client.StateKvException;
import io.statekv.client.WatchEvent;
import io.statekv.client.WatchListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One watcher of the benchmark: for every event it records the lag from the write's commit (the
 * moment its writer saw the acknowledgement, from {@code committedAt}) to this delivery, and the
 * end-to-end lag from the write's send (carried in the value). An event delivered before its
 * writer saw the acknowledgement counts a commit lag of 0. Outside the lag phases
 * ({@code recording} false) it only counts deliveries: at millions of deliveries a second the
 * bookkeeping of a lag (a map lookup, two histogram records, a field of the value) would take a
 * large share of the two cores the cluster also needs, and the throughput phases would measure the
 * benchmark rather than the watch path. Thread-safe.
 */
final class LagListener implements WatchListener {
  private final Map<Long, Long> committedAt;
  private final LagRecorder commitLag;
  private final LagRecorder sendLag;
  private final LongAdder delivered;
  private final AtomicBoolean recording;
  private final AtomicReference<StateKvException> failure;
  private final ThreadNice nice;

  LagListener(Map<Long, Long> committedAt, LagRecorder commitLag, LagRecorder sendLag, LongAdder delivered,
      AtomicBoolean recording, AtomicReference<StateKvException> failure, ThreadNice nice) {
    this.committedAt = committedAt;
    this.commitLag = commitLag;
    this.sendLag = sendLag;
    this.delivered = delivered;
    this.recording = recording;
    this.failure = failure;
    this.nice = nice;
  }

  @Override
  public void onEvents(List<WatchEvent> events) {
    nice.apply();
    delivered.add(events.size());
    if (!recording.get()) {
      return;
    }
    long now = System.nanoTime();
    for (WatchEvent e : events) {
      Long committed = committedAt.get(e.revision());
      commitLag.record(committed == null ? 0 : Math.max(0, now - committed));
      if (e.newValue() != null && e.newValue().has("sent")) {
        sendLag.record(Math.max(0, now - e.newValue().get("sent").asLong()));
      }
    }
  }

  @Override
  public void onError(StateKvException error) {
    failure.compareAndSet(null, error);
  }
}
