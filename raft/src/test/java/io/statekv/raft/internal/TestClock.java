package io.statekv.raft.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/** The wall clock plus an offset that a test can push forward, shared by every node of a cluster. */
final class TestClock implements InstantSource {
  private final AtomicLong offsetMillis = new AtomicLong();

  void advance(Duration d) {
    offsetMillis.addAndGet(d.toMillis());
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public long millis() {
    return System.currentTimeMillis() + offsetMillis.get();
  }
}
