package io.statekv.raft.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a replica whose disk lost log entries out of elections until it has caught up.
 *
 * <p>Raft's safety rests on every member keeping what it acknowledged. A member whose log lost its
 * tail (found at start-up: see {@link SnapshotRecovery}) may have acknowledged entries that a
 * leader then counted to commit them. If it voted, or campaigned, with the shorter log, a
 * majority without those entries could elect a leader that overwrites them. So while the gate is
 * closed the replica refuses every vote (pre-vote included) and its own elections are paused; it
 * still accepts the leader's entries and snapshots, and its acknowledgements of them are true.
 *
 * <p>The gate opens once the replica has applied an entry of the term of the leader it follows, at
 * or past that leader's commit index when the replica first heard from it in that term. A leader
 * of that term holds every entry committed before it (the elections that made it could not use
 * this replica's vote); the first entry of its own term that it commits comes after all of them.
 * A leader of the replica's own pre-crash term may have counted the lost acknowledgements: its
 * commit index at first contact covers them, since it counted them before the replica restarted.
 *
 * <p>Until the gate opens, a majority must form without this replica: in a cluster of three, a
 * second failure leaves no leader until that member is back. That is the price of not losing an
 * acknowledged write. Thread-safe.
 */
final class RecoveryGate {
  private static final Logger LOG = LoggerFactory.getLogger(RecoveryGate.class);

  private final String replica;
  private volatile boolean closed;
  private volatile Runnable onOpen = () -> {};
  private final java.util.concurrent.atomic.AtomicLong votesRefused = new java.util.concurrent.atomic.AtomicLong();
  private long leaderTerm = -1;
  private long leaderCommitAtContact = -1;

  RecoveryGate(String replica) {
    this.replica = replica;
  }

  /** Closes the gate: the replica's disk lost what {@code damage} says. */
  synchronized void close(String damage) {
    closed = true;
    leaderTerm = -1;
    leaderCommitAtContact = -1;
    LOG.warn("{}: {}; refusing votes and not campaigning until caught up with a leader", replica, damage);
  }

  /** What to run, once, when the gate opens (resume elections). */
  void onOpen(Runnable action) {
    onOpen = action;
  }

  /** True while the replica must neither vote nor campaign. */
  boolean isClosed() {
    return closed;
  }

  /** Counts a vote request refused while closed. */
  void refusedVote() {
    votesRefused.incrementAndGet();
  }

  /** Vote requests refused so far. */
  long votesRefused() {
    return votesRefused.get();
  }

  /** A leader's AppendEntries reached this replica: {@code commit} is the leader's commit it carries. */
  void leaderContact(long term, long commit) {
    if (!closed) {
      return;
    }
    synchronized (this) {
      if (closed && term > leaderTerm) {
        leaderTerm = term;
        leaderCommitAtContact = commit;
        LOG.info("{}: catching up with the leader of term {}, whose commit index is {}", replica, term, commit);
      }
    }
  }

  /** The replica applied the entry at {@code index}, of {@code term} (or loaded a snapshot ending there). */
  void applied(long term, long index) {
    if (!closed) {
      return;
    }
    synchronized (this) {
      if (!closed || leaderTerm < 0 || term != leaderTerm || index < leaderCommitAtContact) {
        return;
      }
      closed = false;
      LOG.info("{}: caught up at index {} of term {}; voting and campaigning again", replica, index, term);
    }
    onOpen.run();
  }
}
