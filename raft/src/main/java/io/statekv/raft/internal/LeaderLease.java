package io.statekv.raft.internal;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.ratis.util.Timestamp;

/**
 * The leader's lease for {@code lease} reads, computed from {@link PeerContacts}.
 *
 * <p><b>Why it holds.</b> A follower that heard from its leader less than the minimum election
 * timeout ago refuses pre-votes for any other candidate, and with pre-vote on (our setting) no
 * candidate reaches a real election without a pre-vote majority. So if a majority accepted a
 * request this leader sent at time T, no other leader can be elected before T plus the minimum
 * election timeout, as measured by those followers. The lease runs for {@link #duration} after T:
 * {@value #LEASE_FRACTION} of the minimum election timeout minus {@link #DRIFT_ALLOWANCE}, which
 * absorbs clock-rate drift between nodes and the gap between checking the lease and reading.
 *
 * <p>The lease is also suspended while this node hands leadership over on purpose, because the
 * chosen successor skips pre-vote. Thread-safe.
 */
final class LeaderLease {
  static final double LEASE_FRACTION = 0.75;
  static final Duration DRIFT_ALLOWANCE = Duration.ofMillis(100);

  private final Duration duration;
  private final PeerContacts contacts;
  private final BooleanSupplier leaderReady;
  private volatile boolean suspended;

  LeaderLease(Duration electionTimeoutMin, PeerContacts contacts, BooleanSupplier leaderReady) {
    this.duration = duration(electionTimeoutMin);
    this.contacts = contacts;
    this.leaderReady = leaderReady;
  }

  /** The lease length for a minimum election timeout; zero (no lease) when the timeout is tiny. */
  static Duration duration(Duration electionTimeoutMin) {
    long millis = (long) (electionTimeoutMin.toMillis() * LEASE_FRACTION) - DRIFT_ALLOWANCE.toMillis();
    return Duration.ofMillis(Math.max(0, millis));
  }

  Duration duration() {
    return duration;
  }

  /** True while this leader may serve reads without a round trip. */
  boolean holds() {
    if (suspended || duration.isZero() || !leaderReady.getAsBoolean()) {
      return false;
    }
    Timestamp start = contacts.majorityContact();
    return start != null && start.elapsedTimeMs() < duration.toMillis();
  }

  /** Stops lease reads until {@link #resume}: this leader is handing leadership over. */
  void suspend() {
    suspended = true;
  }

  void resume() {
    suspended = false;
  }
}
