package io.statekv.node.watch.internal;

import io.statekv.storage.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The synced watchers, indexed by what their filter can match, so that an event reaches only the
 * watchers that may want it: watchers of every scope, watchers of the event's scope with no key
 * condition or a key prefix, and watchers of its exact key. Confined to the fan-out thread.
 */
final class WatcherIndex {
  private final List<Watcher> everyScope = new ArrayList<>();
  private final Map<String, ScopeWatchers> byScope = new HashMap<>();
  private int size;

  private static final class ScopeWatchers {
    final List<Watcher> wide = new ArrayList<>();
    final Map<String, List<Watcher>> byKey = new HashMap<>();

    boolean isEmpty() {
      return wide.isEmpty() && byKey.isEmpty();
    }
  }

  void add(Watcher w) {
    EventFilter f = w.filter;
    if (f.scope().isEmpty()) {
      everyScope.add(w);
    } else {
      ScopeWatchers s = byScope.computeIfAbsent(f.scope(), x -> new ScopeWatchers());
      if (f.key().isEmpty()) {
        s.wide.add(w);
      } else {
        s.byKey.computeIfAbsent(f.key(), x -> new ArrayList<>()).add(w);
      }
    }
    size++;
  }

  void remove(Watcher w) {
    EventFilter f = w.filter;
    boolean removed;
    if (f.scope().isEmpty()) {
      removed = everyScope.remove(w);
    } else {
      ScopeWatchers s = byScope.get(f.scope());
      removed = s != null && removeFrom(s, w);
      if (s != null && s.isEmpty()) {
        byScope.remove(f.scope());
      }
    }
    if (removed) {
      size--;
    }
  }

  private static boolean removeFrom(ScopeWatchers s, Watcher w) {
    if (w.filter.key().isEmpty()) {
      return s.wide.remove(w);
    }
    List<Watcher> keyed = s.byKey.get(w.filter.key());
    boolean removed = keyed != null && keyed.remove(w);
    if (keyed != null && keyed.isEmpty()) {
      s.byKey.remove(w.filter.key());
    }
    return removed;
  }

  /** Calls {@code visit} for every watcher whose filter may match the event (its address still needs checking). */
  void forEachCandidate(Event event, Consumer<Watcher> visit) {
    for (int i = 0; i < everyScope.size(); i++) {
      visit.accept(everyScope.get(i));
    }
    ScopeWatchers s = byScope.get(event.scope());
    if (s == null) {
      return;
    }
    for (int i = 0; i < s.wide.size(); i++) {
      visit.accept(s.wide.get(i));
    }
    List<Watcher> keyed = s.byKey.get(event.key());
    if (keyed != null) {
      for (int i = 0; i < keyed.size(); i++) {
        visit.accept(keyed.get(i));
      }
    }
  }

  int size() {
    return size;
  }
}
