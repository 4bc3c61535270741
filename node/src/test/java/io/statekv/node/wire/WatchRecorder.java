package io.statekv.node.wire;

import io.statekv.client.StateKvException;
import io.statekv.client.WatchEvent;
import io.statekv.client.WatchListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A listener that records what a watch delivers, for assertions. Thread-safe. */
final class WatchRecorder implements WatchListener {
  private final List<WatchEvent> events = new ArrayList<>();
  private final List<List<WatchEvent>> calls = new ArrayList<>();
  private final List<StateKvException> errors = new ArrayList<>();
  final AtomicLong lastProgress = new AtomicLong();

  @Override
  public synchronized void onEvents(List<WatchEvent> revision) {
    calls.add(List.copyOf(revision));
    events.addAll(revision);
  }

  @Override
  public void onProgress(long revision) {
    lastProgress.accumulateAndGet(revision, Math::max);
  }

  @Override
  public synchronized void onError(StateKvException error) {
    errors.add(error);
  }

  synchronized List<WatchEvent> events() {
    return new ArrayList<>(events);
  }

  synchronized List<List<WatchEvent>> calls() {
    return new ArrayList<>(calls);
  }

  synchronized List<StateKvException> errors() {
    return new ArrayList<>(errors);
  }

  synchronized int count() {
    return events.size();
  }
}
