package io.statekv.node.watch.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Serves the synced watchers the revisions applied since the last pass: each event goes to the
 * watchers the index names and whose filter matches, into their pending responses, which leave at
 * the end of the pass (one response for the watchers of a connection that got the same events,
 * see {@link ResponseSharing}). A watcher whose transport cannot take its response is demoted to lagging
 * at its first unsent revision and served from the history later. Confined to the fan-out thread.
 */
final class LivePass {
  /** Events one pass reads at most, so that a pass stays short and lagging watchers get their turn. */
  static final int PASS_EVENTS_MAX = 4_096;

  private final Watchers state;
  private final Cancellations cancellations;
  private final List<HistoryBatch> batches = new ArrayList<>();
  private final List<Watcher> served = new ArrayList<>();
  private final List<Watcher> blocked = new ArrayList<>();
  private final List<Oversize> oversize = new ArrayList<>();
  private final ResponseSharing sharing = new ResponseSharing();
  private long nowNanos;
  private PreparedEvent current;

  LivePass(Watchers state, Cancellations cancellations) {
    this.state = state;
    this.cancellations = cancellations;
  }

  /** Runs one pass; true when it moved the live cursor. */
  boolean run(long nowNanos) {
    this.nowNanos = nowNanos;
    long from = state.liveCursor;
    if (state.history.applied() < from) {
      return false;
    }
    batches.clear();
    long through = state.history.read(from, Long.MAX_VALUE, PASS_EVENTS_MAX, batches);
    if (through < 0) {
      lostHistory();
      return true;
    }
    for (HistoryBatch batch : batches) {
      for (PreparedEvent event : batch.prepared()) {
        current = event;
        state.synced.forEachCandidate(event.event(), this::offer);
        event.releaseValues();
      }
    }
    current = null;
    finish(through);
    state.liveCursor = through + 1;
    return through >= from;
  }

  /** A watcher whose matching events of one revision are too large for one response. */
  private record Oversize(Watcher watcher, long revision) {}

  private void offer(Watcher w) {
    // A held watcher left this pass (blocked or oversize); the index must not change while it is
    // walked, so it is demoted or cancelled when the pass ends.
    if (w.held || w.cancelled || !current.matches(w.filter)) {
      return;
    }
    if (!w.hasPending()) {
      served.add(w);
    }
    switch (w.offer(current, nowNanos)) {
      case ADDED -> { }
      case BLOCKED -> {
        w.held = true;
        blocked.add(w);
      }
      case OVERSIZE -> {
        w.held = true;
        oversize.add(new Oversize(w, current.event().revision()));
      }
    }
  }

  private void finish(long through) {
    sharing.send(served, through, nowNanos);
    for (Watcher w : served) {
      if (!w.held && !w.flush(through, nowNanos)) {
        w.held = true;
        blocked.add(w);
      }
    }
    served.clear();
    for (Watcher w : blocked) {
      w.held = false;
      state.demote(w, w.pendingFirst(), nowNanos);
    }
    blocked.clear();
    for (Oversize o : oversize) {
      o.watcher().held = false;
      cancellations.oversize(o.watcher(), o.revision());
    }
    oversize.clear();
  }

  /** The history evicted revisions this pass had not served (the fan-out fell behind, or a snapshot reset it). */
  private void lostHistory() {
    long resumeAt = state.liveCursor;
    List<Watcher> all = new ArrayList<>(state.all);
    state.liveCursor = state.history.floor() + 1;
    for (Watcher w : all) {
      if (w.synced) {
        state.demote(w, resumeAt, nowNanos);
      }
    }
  }
}
