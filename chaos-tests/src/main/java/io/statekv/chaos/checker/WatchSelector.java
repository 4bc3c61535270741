package io.statekv.chaos.checker;

import java.util.Set;
import java.util.function.Predicate;

/**
 * Which events a watcher asked for: a scope, an exact key or a key prefix, and event types. A
 * null field matches everything; an empty type set matches every type. The {@code changed_paths}
 * filter is not modelled: a watcher that uses it cannot be checked against the committed log by
 * key alone. Immutable.
 *
 * @param scope the scope, or null for every scope
 * @param key the exact key, or null
 * @param keyPrefix the key prefix, or null
 * @param types the event types, empty for all
 */
public record WatchSelector(String scope, String key, String keyPrefix, Set<String> types)
    implements Predicate<ChangeEvent> {

  public WatchSelector {
    types = Set.copyOf(types);
    if (key != null && keyPrefix != null) {
      throw new IllegalArgumentException("give an exact key or a key prefix, not both");
    }
  }

  /** Every event of a scope. */
  public static WatchSelector scope(String scope) {
    return new WatchSelector(scope, null, null, Set.of());
  }

  /** Every event of every scope. */
  public static WatchSelector everything() {
    return new WatchSelector(null, null, null, Set.of());
  }

  @Override
  public boolean test(ChangeEvent event) {
    return (scope == null || scope.equals(event.scope()))
        && (key == null || key.equals(event.key()))
        && (keyPrefix == null || event.key().startsWith(keyPrefix))
        && (types.isEmpty() || types.contains(event.type()));
  }
}
