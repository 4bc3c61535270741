package io.statekv.node.watch.internal;

import io.statekv.node.watch.WatchConfig;
import io.statekv.protocol.v1.Error;
import io.statekv.protocol.v1.ErrorCode;
import java.util.ArrayList;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one fan-out thread: it turns the history into watch responses. Each round it carries
 * out the transports' commands, runs the live pass (synced watchers), gives each lagging watcher a
 * catch-up turn, every {@link #TICK} sends due progress notifications and checks that consume
 * streams still sit on the leader, and flushes the transports it wrote to.
 *
 * <p>Nothing here runs on the apply thread: the apply thread only appends to the history and
 * {@link #wake}s this thread. The thread parks when a round found nothing to do. After a round that
 * wrote, it waits out the config's batch interval before the next one (wake-ups are not even
 * delivered meanwhile): under a stream of writes, the events applied in that time leave in one
 * write per connection, not one write and one wake-up on each side per event. A watcher that
 * catches up from the history is not held back by it.
 *
 * <p>Thread-safe entry points: {@link #submit}, {@link #wake}, {@link #start}, {@link #close}.
 */
public final class FanOut implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(FanOut.class);

  /** How often progress notifications and the leadership of consume streams are checked. */
  static final long TICK = TimeUnit.MILLISECONDS.toNanos(50);

  private final WatchConfig config;
  private final LeadershipProbe leadership;
  private final Watchers state;
  private final Commands commands;
  private final LivePass live;
  private final CatchUp catchUp;
  private final Queue<FanOutCommand> inbox = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  private final long batchIntervalNanos;
  /** True while the thread waits out the batch interval; {@link #wake} then leaves it alone. */
  private volatile boolean pacing;
  private final FanOutStats stats = new FanOutStats();
  private volatile boolean running = true;
  private volatile int watchers;
  private long nextTickNanos;

  public FanOut(EventHistory history, WatchConfig config, LeadershipProbe leadership, String nodeId) {
    this.config = config;
    this.leadership = leadership;
    this.state = new Watchers(history);
    Cancellations cancellations = new Cancellations(state);
    this.commands = new Commands(state, config);
    this.live = new LivePass(state, cancellations);
    this.catchUp = new CatchUp(state, cancellations, config.stallMax().toNanos());
    this.batchIntervalNanos = config.batchInterval().toNanos();
    this.thread = new Thread(this, "statekv-watch-" + nodeId);
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** Open watches and consume streams, as of the last round. */
  public int watchers() {
    return watchers;
  }

  /** Counters of the work done so far. */
  public FanOutStats stats() {
    return stats;
  }

  /** Hands a command to the fan-out thread. */
  public void submit(FanOutCommand command) {
    inbox.add(command);
    wake();
  }

  /**
   * Makes the fan-out thread run a round soon (new events, a writable transport): at once, or at
   * the end of the batch interval it is waiting out, after which it always runs a round.
   */
  public void wake() {
    if (!pacing) {
      LockSupport.unpark(thread);
    }
  }

  /**
   * The history gained a revision: wakes the thread, unless no watch or consume stream is open.
   * Then there is nobody to deliver to, and a write does not pay for a thread wake-up.
   *
   * <p>No wake-up is lost. A round stores the watcher count and then reads the history's applied
   * revision; the apply thread appends to the history and then reads the count. If this read sees
   * no watchers, it came before the round's store in the synchronization order, so the round's read
   * of the history comes after the append and sees it: the round then runs again at once.
   */
  public void eventsAppended() {
    if (watchers > 0) {
      wake();
    }
  }

  /** A transport for a sink; its watches live until it closes. */
  Transport transport(io.statekv.node.watch.WatchSink sink) {
    return new Transport(sink, state::touch, stats);
  }

  @Override
  public void run() {
    nextTickNanos = System.nanoTime();
    while (running) {
      try {
        long start = System.nanoTime();
        switch (round()) {
          case PARK -> LockSupport.parkNanos(this, Math.max(0, nextTickNanos - System.nanoTime()));
          case PACE -> pace(start + batchIntervalNanos);
          case NOW -> { }
        }
      } catch (RuntimeException e) {
        LOG.error("the watch fan-out failed; cancelling every watch", e);
        cancelAll(Cancellations.error(ErrorCode.INTERNAL, "the node's watch fan-out failed: " + e));
      }
    }
    cancelAll(Cancellations.error(ErrorCode.UNAVAILABLE, "the node is shutting down; resume on another node"));
  }

  /** What the thread does after a round. */
  private enum Next {
    /** Nothing is left to do: wait for a wake-up or the next tick. */
    PARK,
    /** The round wrote: wait out the batch interval, then run a round. */
    PACE,
    /** Run the next round at once (catch-up work, commands, or events and no batch interval). */
    NOW
  }

  /** One round, and what to do after it. */
  private Next round() {
    long now = System.nanoTime();
    FanOutCommand command;
    while ((command = inbox.poll()) != null) {
      commands.apply(command, now);
    }
    live.run(now);
    boolean catchingUp = catchUp.run(now);
    if (now - nextTickNanos >= 0) {
      tick(now);
      nextTickNanos = now + TICK;
    }
    int flushed = state.flushTouched();
    stats.flushed(flushed);
    watchers = state.all.size();
    if (catchingUp || !inbox.isEmpty()) {
      return Next.NOW;
    }
    if (flushed > 0 && batchIntervalNanos > 0) {
      return Next.PACE;
    }
    return state.history.applied() >= state.liveCursor ? Next.NOW : Next.PARK;
  }

  /** Waits until {@code deadlineNanos}, deaf to wake-ups; the round after it sees what they announced. */
  private void pace(long deadlineNanos) {
    pacing = true;
    try {
      long left;
      while (running && (left = deadlineNanos - System.nanoTime()) > 0) {
        LockSupport.parkNanos(this, left);
      }
    } finally {
      pacing = false;
    }
  }

  private void tick(long now) {
    long interval = config.progressInterval().toNanos();
    boolean consumers = false;
    for (Watcher w : state.all) {
      consumers |= w.subscription != null;
      if (w.progressNotify && now - w.lastSentNanos >= interval && !w.hasPending() && w.transport.writable()) {
        w.sendProgress(state.servedThrough(w), now);
      }
    }
    if (consumers) {
      Error notLeader = leadership.notLeader();
      if (notLeader != null) {
        for (Watcher w : new ArrayList<>(state.all)) {
          if (w.subscription != null) {
            state.cancel(w, notLeader);
          }
        }
      }
    }
  }

  private void cancelAll(Error reason) {
    for (Watcher w : new ArrayList<>(state.all)) {
      state.cancel(w, reason);
    }
    state.flushTouched();
  }

  /** Stops the thread; open watches are cancelled with {@code unavailable} so clients resume elsewhere. */
  public void close() {
    running = false;
    LockSupport.unpark(thread);
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
