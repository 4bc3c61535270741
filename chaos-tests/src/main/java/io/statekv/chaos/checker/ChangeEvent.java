package io.statekv.chaos.checker;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.chaos.checker.internal.JsonValues;
import java.util.Objects;

/**
 * A change event as statekv publishes it, reduced to what the watch and ttl checkers compare.
 * Immutable; equal events are {@code equals} (the value is kept in canonical form).
 *
 * @param revision the revision of the change (the log index of its entry)
 * @param scope the scope
 * @param key the key
 * @param type {@code state:created}, {@code state:updated} or {@code state:deleted}
 * @param value the new value, JSON null for a deletion
 * @param reason why the change happened when the system says so, such as {@code expired}, or
 *     null
 */
public record ChangeEvent(
    long revision, String scope, String key, String type, JsonNode value, String reason) {

  public static final String CREATED = "state:created";
  public static final String UPDATED = "state:updated";
  public static final String DELETED = "state:deleted";
  /** The reason of a deletion by TTL expiry. */
  public static final String EXPIRED = "expired";

  public ChangeEvent {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(type, "type");
    if (revision < 1) {
      throw new IllegalArgumentException("revision must be at least 1, got " + revision);
    }
    if (!type.equals(CREATED) && !type.equals(UPDATED) && !type.equals(DELETED)) {
      throw new IllegalArgumentException("unknown event type '" + type + "'");
    }
    value = JsonValues.canonical(value);
  }

  /** True for a write: created or updated. */
  public boolean isWrite() {
    return !type.equals(DELETED);
  }

  /** True for a deletion by TTL expiry. */
  public boolean isExpiry() {
    return type.equals(DELETED) && EXPIRED.equals(reason);
  }

  @Override
  public String toString() {
    String why = reason == null ? "" : " (" + reason + ")";
    return "r" + revision + " " + type + " " + scope + "/" + key + " " + value + why;
  }
}
