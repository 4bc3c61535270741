package io.statekv.node.watch.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Serves the lagging watchers out of the history, each from its own cursor, up to the revision
 * before the live cursor (the live pass owns the rest), and promotes those that reach it. A
 * watcher whose transport is not writable waits; one that waits longer than the stall bound, or
 * whose next revision left the history, is cancelled. Confined to the fan-out thread.
 */
final class CatchUp {
  /** Events one watcher reads per turn at most, so that every lagging watcher gets a turn. */
  static final int TURN_EVENTS_MAX = 1_024;

  private final Watchers state;
  private final Cancellations cancellations;
  private final long stallMaxNanos;
  private final List<HistoryBatch> batches = new ArrayList<>();
  private final List<Watcher> turn = new ArrayList<>();

  CatchUp(Watchers state, Cancellations cancellations, long stallMaxNanos) {
    this.state = state;
    this.cancellations = cancellations;
    this.stallMaxNanos = stallMaxNanos;
  }

  /** Gives every lagging watcher one turn; true when some watcher could still read more right away. */
  boolean run(long nowNanos) {
    turn.clear();
    turn.addAll(state.lagging);
    boolean more = false;
    for (Watcher w : turn) {
      if (!w.cancelled) {
        more |= serve(w, nowNanos);
      }
    }
    return more;
  }

  private boolean serve(Watcher w, long nowNanos) {
    long live = state.liveCursor;
    if (w.cursor == live) {
      state.promote(w);
      return false;
    }
    if (w.cursor > live) {
      return false;
    }
    if (!w.transport.writable()) {
      stalled(w, nowNanos);
      return false;
    }
    w.stalledSinceNanos = Watcher.NOT_STALLED;
    batches.clear();
    long through = state.history.read(w.cursor, live - 1, TURN_EVENTS_MAX, batches);
    if (through < 0) {
      cancellations.lost(w);
      return false;
    }
    if (!deliver(w, through, nowNanos)) {
      return false;
    }
    w.cursor = through + 1;
    if (w.cursor == live) {
      state.promote(w);
      return false;
    }
    return true;
  }

  /** Offers the read batches; false when the watcher stopped (blocked, or cancelled). */
  private boolean deliver(Watcher w, long through, long nowNanos) {
    for (HistoryBatch batch : batches) {
      for (PreparedEvent event : batch.prepared()) {
        boolean match = event.matches(w.filter);
        event.releaseValues();
        if (!match) {
          continue;
        }
        switch (w.offer(event, nowNanos)) {
          case ADDED -> { }
          case BLOCKED -> {
            blocked(w, nowNanos);
            return false;
          }
          case OVERSIZE -> {
            cancellations.oversize(w, batch.revision());
            return false;
          }
        }
      }
    }
    if (!w.flush(through, nowNanos)) {
      blocked(w, nowNanos);
      return false;
    }
    return true;
  }

  private void blocked(Watcher w, long nowNanos) {
    w.cursor = w.pendingFirst();
    w.dropPending();
    w.stalledSinceNanos = nowNanos;
  }

  private void stalled(Watcher w, long nowNanos) {
    if (w.stalledSinceNanos == Watcher.NOT_STALLED) {
      w.stalledSinceNanos = nowNanos;
    } else if (nowNanos - w.stalledSinceNanos > stallMaxNanos) {
      cancellations.stalled(w, (nowNanos - w.stalledSinceNanos) / 1_000_000);
    }
  }
}
