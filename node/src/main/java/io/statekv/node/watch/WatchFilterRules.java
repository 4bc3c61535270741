package io.statekv.node.watch;

import io.statekv.node.watch.internal.JsonPointers;
import io.statekv.protocol.v1.WatchFilter;
import io.statekv.storage.EventType;
import io.statekv.storage.Validation;

/**
 * The edge rules of a {@link WatchFilter}, shared by watches, subscriptions and the HTTP watch
 * endpoint:
 *
 * <ul>
 *   <li>{@code scope}: empty (every client scope) or a valid client scope; reserved {@code _}
 *       scopes cannot be watched;
 *   <li>{@code key} and {@code key_prefix}: each needs a scope (keys are named within a scope),
 *       and they exclude each other; a key must be a valid key, a prefix a valid start of one;
 *   <li>{@code event_types}: each one of {@code state:created}, {@code state:updated}, {@code
 *       state:deleted};
 *   <li>{@code changed_paths}: at most {@link #CHANGED_PATHS_MAX} RFC 6901 pointers (see {@link
 *       JsonPointers}).
 * </ul>
 *
 * Stateless and thread-safe.
 */
public final class WatchFilterRules {
  private WatchFilterRules() {}

  /** JSON pointers in one filter at most. */
  public static final int CHANGED_PATHS_MAX = 32;
  /** Event types in one filter at most (each of the three, allowing a repeat of each). */
  public static final int EVENT_TYPES_MAX = 6;

  /** Why the filter is refused, or null when it is valid. */
  public static String check(WatchFilter filter) {
    String problem = address(filter);
    if (problem != null) {
      return problem;
    }
    if (filter.getEventTypesCount() > EVENT_TYPES_MAX) {
      return "filter has " + filter.getEventTypesCount() + " event types, more than " + EVENT_TYPES_MAX;
    }
    for (String type : filter.getEventTypesList()) {
      if (EventType.fromWireName(type) == null) {
        return "unknown event type '" + type + "': expected state:created, state:updated or state:deleted";
      }
    }
    if (filter.getChangedPathsCount() > CHANGED_PATHS_MAX) {
      return "filter has " + filter.getChangedPathsCount() + " changed_paths, more than " + CHANGED_PATHS_MAX;
    }
    for (String pointer : filter.getChangedPathsList()) {
      String bad = JsonPointers.check(pointer);
      if (bad != null) {
        return "changed_paths: " + bad;
      }
    }
    return null;
  }

  private static String address(WatchFilter filter) {
    boolean hasScope = !filter.getScope().isEmpty();
    if (hasScope) {
      String bad = Validation.checkClientScope(filter.getScope());
      if (bad != null) {
        return bad;
      }
    }
    if (!filter.getKey().isEmpty() && !filter.getKeyPrefix().isEmpty()) {
      return "filter key and key_prefix exclude each other: give one of them";
    }
    if (!filter.getKey().isEmpty()) {
      return hasScope ? prefixed("key", Validation.checkKey(filter.getKey())) : "filter key needs a scope";
    }
    if (!filter.getKeyPrefix().isEmpty()) {
      return hasScope ? prefixed("key_prefix", Validation.checkKey(filter.getKeyPrefix())) : "filter key_prefix needs a scope";
    }
    return null;
  }

  private static String prefixed(String field, String problem) {
    return problem == null ? null : field + ": " + problem;
  }
}
