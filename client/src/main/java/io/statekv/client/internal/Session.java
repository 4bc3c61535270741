package io.statekv.client.internal;

import java.util.TreeSet;

/**
 * The client's side of its exactly-once session: write numbers from 1, and the lowest number whose
 * answer has not been delivered yet, which every request sends as {@code acked_below} so that the
 * cluster may forget older answers.
 *
 * <p>Thread-safe. Numbering and the outstanding set change under one lock, so {@code acked_below}
 * can never pass a number that was handed out but not yet recorded.
 */
final class Session {
  private final TreeSet<Long> outstanding = new TreeSet<>();
  private long lastSeq;

  /** Numbers a new write and records it as outstanding. */
  synchronized long begin() {
    lastSeq++;
    outstanding.add(lastSeq);
    return lastSeq;
  }

  /** Every write numbered below this has had its answer delivered (or was given up). */
  synchronized long ackedBelow() {
    return outstanding.isEmpty() ? lastSeq + 1 : outstanding.first();
  }

  /** The write's answer was delivered to the caller, or the caller was told its outcome is unknown. */
  synchronized void end(long seq) {
    outstanding.remove(seq);
  }

  synchronized int outstandingCount() {
    return outstanding.size();
  }
}
