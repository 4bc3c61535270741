package io.statekv.node.watch.internal;

import io.statekv.protocol.v1.Error;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The fan-out's state: every open watcher, the synced ones by index, the lagging ones, the live
 * cursor, and the transports written to in the current round. Confined to the fan-out thread.
 *
 * <p>Invariants: a watcher that is not cancelled is in {@link #all}, in its transport's map, and in
 * exactly one of the index (synced) or {@link #lagging}. Every synced watcher has been served
 * through {@code liveCursor - 1}.
 */
final class Watchers {
  final EventHistory history;
  final WatcherIndex synced = new WatcherIndex();
  final Set<Watcher> lagging = new LinkedHashSet<>();
  final Set<Watcher> all = new LinkedHashSet<>();
  private final List<Transport> touched = new ArrayList<>();
  /** The next revision the live pass serves. */
  long liveCursor;

  Watchers(EventHistory history) {
    this.history = history;
    this.liveCursor = history.applied() + 1;
  }

  /** Adds a new watcher, lagging until the catch-up pass promotes it. */
  void register(Watcher w) {
    all.add(w);
    lagging.add(w);
    w.transport.watchers.put(w.id, w);
  }

  /** Ends a watcher: removes it everywhere and, unless its transport is gone, sends its last message. */
  void cancel(Watcher w, Error reason) {
    if (w.cancelled) {
      return;
    }
    w.cancelled = true;
    w.dropPending();
    all.remove(w);
    if (w.synced) {
      synced.remove(w);
    } else {
      lagging.remove(w);
    }
    w.transport.watchers.remove(w.id);
    w.sendCanceled(reason);
  }

  /** Ends a watcher whose transport closed: nothing is sent. */
  void forget(Watcher w) {
    w.cancelled = true;
    w.dropPending();
    all.remove(w);
    if (w.synced) {
      synced.remove(w);
    } else {
      lagging.remove(w);
    }
    w.transport.watchers.remove(w.id);
  }

  /** A synced watcher could not be served live: it continues from {@code cursor} out of the history. */
  void demote(Watcher w, long cursor, long nowNanos) {
    if (!w.synced) {
      throw new IllegalStateException("watcher " + w.id + " demoted twice");
    }
    w.dropPending();
    w.synced = false;
    w.cursor = cursor;
    w.stalledSinceNanos = nowNanos;
    synced.remove(w);
    lagging.add(w);
  }

  /** A lagging watcher reached the live cursor: the live pass serves it from now on. */
  void promote(Watcher w) {
    if (w.cursor != liveCursor) {
      throw new IllegalStateException("watcher " + w.id + " at " + w.cursor + " promoted at live cursor " + liveCursor);
    }
    lagging.remove(w);
    w.synced = true;
    w.stalledSinceNanos = Watcher.NOT_STALLED;
    synced.add(w);
  }

  /** The revision through which every matching event has been served to {@code w}. */
  long servedThrough(Watcher w) {
    return w.synced ? liveCursor - 1 : w.cursor - 1;
  }

  void touch(Transport t) {
    if (!t.touched) {
      t.touched = true;
      touched.add(t);
    }
  }

  /** Flushes every transport written to since the last call; returns how many. */
  int flushTouched() {
    int flushed = touched.size();
    for (Transport t : touched) {
      t.flush();
    }
    touched.clear();
    return flushed;
  }
}
