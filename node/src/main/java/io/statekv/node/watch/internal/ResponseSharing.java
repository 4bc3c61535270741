package io.statekv.node.watch.internal;

import io.statekv.node.watch.WireEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shares the responses of a live pass between the watchers of one transport that got the same
 * events: watchers whose clients read shared responses ({@link Watcher#sharedResponses}) and whose
 * pending events are the same {@link WireEvent}s in the same order get one response that names all
 * their streams. A thousand watchers of one scope on ten connections then cost ten responses per
 * pass instead of a thousand: each event is copied, sent and decoded once per connection.
 *
 * <p>Every watcher of a group has been served through the same revision (the pass's), so the
 * response's progress revision holds for each. Confined to the fan-out thread.
 */
final class ResponseSharing {
  /** Streams one shared response names at most, so that a response's id list stays small. */
  static final int STREAMS_PER_RESPONSE_MAX = 256;

  private final Map<Group, List<Watcher>> groups = new HashMap<>();

  /** Watchers of one transport with the same pending events, compared by identity. */
  private static final class Group {
    final Transport transport;
    final List<WireEvent> events;
    final int hash;

    Group(Watcher w) {
      this.transport = w.transport;
      this.events = w.pendingEvents();
      int h = System.identityHashCode(transport);
      for (int i = 0, n = events.size(); i < n; i++) {
        h = 31 * h + System.identityHashCode(events.get(i));
      }
      this.hash = h;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Group g) || g.transport != transport || g.events.size() != events.size()) {
        return false;
      }
      for (int i = 0, n = events.size(); i < n; i++) {
        if (g.events.get(i) != events.get(i)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /**
   * Sends one response per group of two or more of the {@code served} watchers that are not held
   * and whose transport is writable; those watchers have nothing pending afterwards. The others are
   * left for the caller to flush one by one.
   */
  void send(List<Watcher> served, long progressRevision, long nowNanos) {
    for (Watcher w : served) {
      if (w.sharedResponses && !w.held && w.hasPending()) {
        groups.computeIfAbsent(new Group(w), g -> new ArrayList<>(2)).add(w);
      }
    }
    for (List<Watcher> group : groups.values()) {
      if (group.size() > 1 && group.get(0).transport.writable()) {
        for (int from = 0; from < group.size(); from += STREAMS_PER_RESPONSE_MAX) {
          sendOne(group.subList(from, Math.min(group.size(), from + STREAMS_PER_RESPONSE_MAX)), progressRevision, nowNanos);
        }
      }
    }
    groups.clear();
  }

  private static void sendOne(List<Watcher> watchers, long progressRevision, long nowNanos) {
    Watcher first = watchers.get(0);
    long[] also = new long[watchers.size() - 1];
    for (int i = 1; i < watchers.size(); i++) {
      also[i - 1] = watchers.get(i).streamId;
    }
    first.transport.sendEvents(first.streamId, first.id, also, first.pendingEvents(), progressRevision);
    for (Watcher w : watchers) {
      w.sent(progressRevision, nowNanos);
    }
  }
}
