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
 * {@link #wake}s this thread. The thread parks when a round found nothing to do.
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

  /** Hands a command to the fan-out thread. */
  public void submit(FanOutCommand command) {
    inbox.add(command);
    wake();
  }

  /** Makes the fan-out thread run a round soon (new events, a writable transport). */
  public void wake() {
    LockSupport.unpark(thread);
  }

  /** A transport for a sink; its watches live until it closes. */
  Transport transport(io.statekv.node.watch.WatchSink sink) {
    return new Transport(sink, state::touch);
  }

  @Override
  public void run() {
    nextTickNanos = System.nanoTime();
    while (running) {
      try {
        if (!round()) {
          LockSupport.parkNanos(this, Math.max(0, nextTickNanos - System.nanoTime()));
        }
      } catch (RuntimeException e) {
        LOG.error("the watch fan-out failed; cancelling every watch", e);
        cancelAll(Cancellations.error(ErrorCode.INTERNAL, "the node's watch fan-out failed: " + e));
      }
    }
    cancelAll(Cancellations.error(ErrorCode.UNAVAILABLE, "the node is shutting down; resume on another node"));
  }

  /** One round; true when there may be more to do right away. */
  private boolean round() {
    long now = System.nanoTime();
    FanOutCommand command;
    while ((command = inbox.poll()) != null) {
      commands.apply(command, now);
    }
    live.run(now);
    boolean more = catchUp.run(now) || state.history.applied() >= state.liveCursor;
    if (now - nextTickNanos >= 0) {
      tick(now);
      nextTickNanos = now + TICK;
    }
    state.flushTouched();
    watchers = state.all.size();
    return more || !inbox.isEmpty();
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
    wake();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
