package io.statekv.client;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a watch or a subscription matches. Immutable; every part narrows it, and {@link #ALL}
 * matches every change of every scope.
 *
 * <p>The nodes check the rules: a key or a key prefix needs a scope, and they exclude each other;
 * {@code changedPaths} are RFC 6901 JSON pointers (at most 32) such as {@code /email} or {@code
 * /address/city}, and an event passes when the value at one of them differs between the old and
 * the new value (present on one side only counts as a difference, so a creation passes when the new
 * value has the field, a deletion when the old one had it). A filter that breaks a rule fails the
 * watch with {@link InvalidArgumentException}.
 *
 * @param scope the scope, or empty for every scope
 * @param key the exact key, or empty
 * @param keyPrefix the key prefix, or empty
 * @param eventTypes the kinds of change; empty for all
 * @param changedPaths JSON pointers; empty for no value condition
 */
public record WatchFilter(String scope, String key, String keyPrefix, Set<EventType> eventTypes, List<String> changedPaths) {
  public static final WatchFilter ALL = new WatchFilter("", "", "", Set.of(), List.of());

  public WatchFilter {
    scope = scope == null ? "" : scope;
    key = key == null ? "" : key;
    keyPrefix = keyPrefix == null ? "" : keyPrefix;
    eventTypes = eventTypes == null || eventTypes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(eventTypes));
    changedPaths = changedPaths == null ? List.of() : List.copyOf(changedPaths);
  }

  /** Every change of one scope. */
  public static WatchFilter scope(String scope) {
    return ALL.withScope(scope);
  }

  public WatchFilter withScope(String value) {
    return new WatchFilter(value, key, keyPrefix, eventTypes, changedPaths);
  }

  /** Only this key (of the filter's scope). */
  public WatchFilter withKey(String value) {
    return new WatchFilter(scope, value, keyPrefix, eventTypes, changedPaths);
  }

  /** Only keys starting with this (in the filter's scope). */
  public WatchFilter withKeyPrefix(String value) {
    return new WatchFilter(scope, key, value, eventTypes, changedPaths);
  }

  public WatchFilter withEventTypes(EventType... types) {
    return new WatchFilter(scope, key, keyPrefix, types.length == 0 ? Set.of() : EnumSet.of(types[0], types), changedPaths);
  }

  /** Only changes that change the value at one of these JSON pointers. */
  public WatchFilter withChangedPaths(String... pointers) {
    return new WatchFilter(scope, key, keyPrefix, eventTypes, List.of(pointers));
  }
}
