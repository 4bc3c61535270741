package io.statekv.raft.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.leader.LeaderState;
import org.apache.ratis.server.leader.LogAppender;
import org.apache.ratis.util.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a leader knows about its followers' acceptance of its leadership: for each follower, the
 * send time of the latest AppendEntries (heartbeat or not) that it answered without rejecting the
 * leader's term. Fed by {@link TrackingRpcType} from the leader's log appenders.
 *
 * <p>From these it answers two questions, on the leader only:
 *
 * <ul>
 *   <li>{@link #awaitContactSince}: did a majority accept a request sent at or after a given time?
 *       That is the ReadIndex check. It guards our linearizable reads, because Ratis' own ReadIndex
 *       skips the heartbeat round when the commit index has not moved since the last
 *       acknowledged round, which a deposed leader could otherwise answer from.
 *   <li>{@link #majorityContact}: the latest time at which a majority was known to accept this
 *       leader, the start of its lease.
 * </ul>
 *
 * <p>Times are Ratis {@link Timestamp}s (monotonic). During a joint configuration both the old and
 * the new voters must have a majority. Thread-safe.
 */
final class PeerContacts {
  private static final Logger LOG = LoggerFactory.getLogger(PeerContacts.class);

  /** Waiters for contact at most; more fail at once rather than queue without bound. */
  static final int WAITERS_MAX = 10_000;

  private final RaftPeerId self;
  private final Supplier<RaftConfiguration> conf;
  private final Executor repairs;
  private final java.util.Set<LogAppender> restarted =
      java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());
  private final Map<RaftPeerId, Contact> contacts = new ConcurrentHashMap<>();
  private final List<Waiter> waiters = new ArrayList<>();
  private volatile LeaderState generation;

  private record Contact(LeaderState generation, LogAppender appender, Timestamp acceptedSend) {}

  private record Waiter(Timestamp since, CompletableFuture<Void> done) {}

  /**
   * @param conf the group's current configuration, or null before the server has started
   * @param repairs runs appender restarts, off Ratis' reply threads
   */
  PeerContacts(RaftPeerId self, Supplier<RaftConfiguration> conf, Executor repairs) {
    this.self = self;
    this.conf = conf;
    this.repairs = repairs;
  }

  /**
   * A follower answered that its log ends before an index it had acknowledged: it lost entries
   * (a damaged log tail cut at start-up). Ratis never lowers the leader's match index for a
   * follower, so it would keep sending from past the follower's end and be refused forever.
   * Restarting the follower's appender gives it a fresh match index, and replication resumes
   * from the follower's real end. The entries were committed by a majority before, so nothing
   * committed is at risk. Once per appender.
   */
  void followerLostEntries(LeaderState leader, LogAppender appender, long followerNextIndex) {
    synchronized (restarted) {
      if (!restarted.add(appender)) {
        return;
      }
    }
    LOG.warn("follower {} lost acknowledged log entries (its log ends before {}, it had acknowledged {});"
        + " restarting its appender", appender.getFollowerId(), followerNextIndex, appender.getFollower().getMatchIndex());
    repairs.execute(() -> leader.restart(appender));
  }

  /** A leader created an appender for a follower; a new leader state starts a new generation. */
  void appenderCreated(LeaderState leader, LogAppender appender) {
    if (generation != leader) {
      generation = leader;
      contacts.clear();
    }
    contacts.merge(appender.getFollowerId(), new Contact(leader, appender, null),
        (old, fresh) -> old.generation == leader ? new Contact(leader, appender, old.acceptedSend) : fresh);
  }

  /**
   * A follower answered an AppendEntries without rejecting our term (Ratis reports term rejections
   * elsewhere and steps down). Its appender has just recorded the request's send time.
   */
  void accepted(LeaderState leader, LogAppender appender) {
    if (generation != leader) {
      return;
    }
    Timestamp sent = appender.getFollower().getLastRespondedAppendEntriesSendTime();
    contacts.compute(appender.getFollowerId(), (id, old) -> {
      Timestamp best = old == null || old.acceptedSend == null ? sent : Timestamp.latest(old.acceptedSend, sent);
      return new Contact(leader, appender, best);
    });
    release();
  }

  /**
   * Leadership ended: nothing known holds any more, and waiting reads fail. Called on Ratis' own
   * thread, in order with the appenders of a later leadership, so it never clears those; the
   * waiters are failed on the repairs executor, away from Ratis' locks.
   */
  void leadershipEnded() {
    generation = null;
    contacts.clear();
    List<Waiter> failed;
    synchronized (waiters) {
      failed = new ArrayList<>(waiters);
      waiters.clear();
    }
    if (!failed.isEmpty()) {
      repairs.execute(() -> failed.forEach(
          w -> w.done.completeExceptionally(Failures.unavailable("leadership changed during the read"))));
    }
  }

  /** Asks every follower's appender for an immediate heartbeat. */
  void triggerHeartbeats() {
    LeaderState current = generation;
    for (Contact c : contacts.values()) {
      if (c.generation == current && c.appender.isRunning()) {
        c.appender.triggerHeartbeat();
      }
    }
  }

  /**
   * The voter a leadership hand-off should go to: of the current voters other than this leader
   * that accepted this leadership no earlier than the quorum last did (so not one that has since
   * gone quiet), the one with the highest match index, the most recent contact breaking ties.
   * Null when none qualifies (the caller then falls back to any other voter).
   */
  RaftPeerId successor() {
    RaftConfiguration c = conf.get();
    LeaderState current = generation;
    Timestamp quorum = majorityContact();
    if (c == null || current == null || quorum == null) {
      return null;
    }
    RaftPeerId best = null;
    long bestMatch = -1;
    Timestamp bestSend = null;
    for (RaftPeer p : c.getCurrentPeers()) {
      Contact contact = contacts.get(p.getId());
      if (p.getId().equals(self) || contact == null || contact.generation != current
          || contact.acceptedSend == null || contact.acceptedSend.compareTo(quorum) < 0) {
        continue;
      }
      long match = contact.appender.getFollower().getMatchIndex();
      if (match > bestMatch || (match == bestMatch && contact.acceptedSend.compareTo(bestSend) > 0)) {
        best = p.getId();
        bestMatch = match;
        bestSend = contact.acceptedSend;
      }
    }
    return best;
  }

  /** Completes once a majority accepted a request sent at or after {@code since}. */
  CompletableFuture<Void> awaitContactSince(Timestamp since) {
    if (contactSince(since)) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    synchronized (waiters) {
      if (waiters.size() >= WAITERS_MAX) {
        return Failures.failed(Failures.unavailable("too many reads wait for the leader's heartbeat round"));
      }
      waiters.add(new Waiter(since, done));
    }
    triggerHeartbeats();
    release();
    return done;
  }

  /** Drops a waiter that gave up (timed out), so that the list stays bounded. */
  void forget(CompletableFuture<Void> done) {
    synchronized (waiters) {
      waiters.removeIf(w -> w.done == done);
    }
  }

  boolean contactSince(Timestamp since) {
    Timestamp m = majorityContact();
    return m != null && m.compareTo(since) >= 0;
  }

  /** The latest time a majority of every current voter set accepted, or null when unknown. */
  Timestamp majorityContact() {
    RaftConfiguration c = conf.get();
    if (c == null) {
      return null;
    }
    Timestamp now = Timestamp.currentTime();
    Timestamp current = majority(c.getCurrentPeers(), now);
    Collection<RaftPeer> previous = c.getPreviousPeers();
    if (previous == null || previous.isEmpty() || current == null) {
      return current;
    }
    Timestamp old = majority(previous, now);
    return old == null ? null : Timestamp.earliest(current, old);
  }

  private Timestamp majority(Collection<RaftPeer> voters, Timestamp now) {
    if (voters.isEmpty()) {
      return null;
    }
    LeaderState current = generation;
    List<Timestamp> times = new ArrayList<>(voters.size());
    for (RaftPeer p : voters) {
      if (p.getId().equals(self)) {
        times.add(now);
        continue;
      }
      Contact c = contacts.get(p.getId());
      if (c != null && c.generation == current && c.acceptedSend != null) {
        times.add(c.acceptedSend);
      }
    }
    int needed = voters.size() / 2 + 1;
    if (times.size() < needed) {
      return null;
    }
    times.sort(java.util.Comparator.reverseOrder());
    return times.get(needed - 1);
  }

  private void release() {
    List<Waiter> ready = new ArrayList<>();
    synchronized (waiters) {
      if (waiters.isEmpty()) {
        return;
      }
      Timestamp m = majorityContact();
      if (m == null) {
        return;
      }
      for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
        Waiter w = it.next();
        if (m.compareTo(w.since) >= 0) {
          ready.add(w);
          it.remove();
        }
      }
    }
    ready.forEach(w -> w.done.complete(null));
  }
}
