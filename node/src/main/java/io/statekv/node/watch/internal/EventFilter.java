package io.statekv.node.watch.internal;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.node.watch.WatchFilterRules;
import io.statekv.protocol.v1.WatchFilter;
import io.statekv.storage.Event;
import io.statekv.storage.EventType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * A compiled {@link WatchFilter}: the address part (scope, key or prefix, event types), cheap to
 * test, and the {@code changed_paths} condition, which needs the parsed old and new values.
 * Immutable and thread-safe.
 *
 * @param scope the scope, or empty for every client scope
 * @param key the exact key, or empty
 * @param keyPrefix the key prefix, or empty
 */
public record EventFilter(String scope, String key, String keyPrefix, EnumSet<EventType> types, List<JsonPointer> changedPaths) {

  public EventFilter {
    types = EnumSet.copyOf(types);
    changedPaths = List.copyOf(changedPaths);
  }

  /** Compiles a filter; it must pass {@link WatchFilterRules#check}. */
  public static EventFilter of(WatchFilter filter) {
    String problem = WatchFilterRules.check(filter);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    EnumSet<EventType> types = EnumSet.noneOf(EventType.class);
    for (String type : filter.getEventTypesList()) {
      types.add(EventType.fromWireName(type));
    }
    if (types.isEmpty()) {
      types = EnumSet.allOf(EventType.class);
    }
    List<JsonPointer> paths = new ArrayList<>();
    for (String pointer : filter.getChangedPathsList()) {
      paths.add(JsonPointers.compile(pointer));
    }
    return new EventFilter(filter.getScope(), filter.getKey(), filter.getKeyPrefix(), types, paths);
  }

  /** True when the event's scope, key and type pass; {@link #needsValues()} tells if more is needed. */
  public boolean matchesAddress(Event event) {
    if (!types.contains(event.type())) {
      return false;
    }
    if (scope.isEmpty()) {
      return true;
    }
    if (!scope.equals(event.scope())) {
      return false;
    }
    if (!key.isEmpty()) {
      return key.equals(event.key());
    }
    return event.key().startsWith(keyPrefix);
  }

  /** True when the filter has a {@code changed_paths} condition. */
  public boolean needsValues() {
    return !changedPaths.isEmpty();
  }

  /** The {@code changed_paths} condition on parsed values (null for an absent side). */
  public boolean matchesValues(JsonNode oldValue, JsonNode newValue) {
    for (JsonPointer pointer : changedPaths) {
      if (JsonPointers.changed(oldValue, newValue, pointer)) {
        return true;
      }
    }
    return changedPaths.isEmpty();
  }
}
