package io.statekv.bench.failover;

import java.util.ArrayList;
import java.util.List;

/**
 * The gaps between consecutive acknowledgements of a load: every pause longer than {@link
 * #GAP_MIN_NANOS} is kept, so that the write outage around a leader kill can be read off afterwards.
 * Thread-safe.
 */
final class AckTimeline {
  /** Shorter pauses than this are ordinary jitter, not an outage. */
  static final long GAP_MIN_NANOS = 50_000_000L;

  /** One pause in acknowledgements: the last ack before it and the first after it. */
  record Gap(long fromNanos, long toNanos) {
    boolean covers(long nanos) {
      return fromNanos <= nanos && nanos <= toNanos;
    }
  }

  private final List<Gap> gaps = new ArrayList<>();
  private long lastAck = Long.MIN_VALUE;

  synchronized void acked(long nanos) {
    if (lastAck != Long.MIN_VALUE && nanos - lastAck >= GAP_MIN_NANOS) {
      gaps.add(new Gap(lastAck, nanos));
    }
    lastAck = Math.max(lastAck, nanos);
  }

  /**
   * The pause that contains {@code nanos}, once acknowledgements have resumed after it; an empty
   * pause at {@code nanos} when they went on without one; empty while none came after it yet.
   */
  synchronized java.util.Optional<Gap> gapAround(long nanos) {
    java.util.Optional<Gap> gap = gaps.stream().filter(g -> g.covers(nanos)).findFirst();
    if (gap.isEmpty() && lastAck != Long.MIN_VALUE && lastAck - nanos >= GAP_MIN_NANOS) {
      return java.util.Optional.of(new Gap(nanos, nanos));
    }
    return gap;
  }
}
