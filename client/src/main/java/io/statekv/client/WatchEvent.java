package io.statekv.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statekv.client.internal.JsonValues;

/**
 * One change. Immutable; the value trees must not be modified.
 *
 * @param revision the revision of the change; every change of one write (or txn) shares it
 * @param oldValue the value before, or null when the key did not exist
 * @param newValue the value after, or null for a deletion
 * @param reason {@code write}, or {@code expired} for a deletion by TTL
 */
public record WatchEvent(
    long revision, EventType type, String scope, String key, JsonNode oldValue, JsonNode newValue, String reason) {

  /**
   * The event as iii's state trigger payload ({@code type: "state"}, {@code event_type}, {@code
   * scope}, {@code key}, {@code old_value}, {@code new_value}), plus {@code revision} and {@code
   * reason}. Absent values are JSON null.
   */
  public ObjectNode toJson() {
    ObjectNode out = JsonValues.mapper().createObjectNode();
    out.put("type", "state");
    out.put("event_type", type.wireName());
    out.put("scope", scope);
    out.put("key", key);
    out.set("old_value", oldValue == null ? NullNode.getInstance() : oldValue);
    out.set("new_value", newValue == null ? NullNode.getInstance() : newValue);
    out.put("revision", revision);
    out.put("reason", reason);
    return out;
  }
}
