package io.statekv.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statekv.client.internal.JsonValues;
import java.util.Objects;

/**
 * One change. Immutable and thread-safe; the value trees must not be modified.
 *
 * <p>Events from a node carry their values as JSON text, which is read into a tree the first time
 * {@link #oldValue()} or {@link #newValue()} asks for it. A listener that only needs to know
 * <em>that</em> a key changed (to drop a cached copy, say) never pays for reading the values.
 */
public final class WatchEvent {
  private final long revision;
  private final EventType type;
  private final String scope;
  private final String key;
  private final Value oldValue;
  private final Value newValue;
  private final String reason;

  /**
   * @param revision the revision of the change; every change of one write (or txn) shares it
   * @param oldValue the value before, or null when the key did not exist
   * @param newValue the value after, or null for a deletion
   * @param reason {@code write}, or {@code expired} for a deletion by TTL
   */
  public WatchEvent(long revision, EventType type, String scope, String key, JsonNode oldValue, JsonNode newValue,
      String reason) {
    this(revision, type, scope, key, new Value(oldValue, null), new Value(newValue, null), reason);
  }

  private WatchEvent(long revision, EventType type, String scope, String key, Value oldValue, Value newValue,
      String reason) {
    this.revision = revision;
    this.type = Objects.requireNonNull(type, "type");
    this.scope = Objects.requireNonNull(scope, "scope");
    this.key = Objects.requireNonNull(key, "key");
    this.oldValue = oldValue;
    this.newValue = newValue;
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * An event whose values are UTF-8 JSON text, read into trees when first asked for. The arrays
   * are kept as they are, not copied: the caller must not change them afterwards.
   *
   * @param oldValueJson the value before as JSON text, or null when the key did not exist
   * @param newValueJson the value after as JSON text, or null for a deletion
   * @throws IllegalStateException from {@link #oldValue()} or {@link #newValue()} when the text
   *     is not JSON
   */
  public static WatchEvent ofJsonText(long revision, EventType type, String scope, String key, byte[] oldValueJson,
      byte[] newValueJson, String reason) {
    return new WatchEvent(revision, type, scope, key, new Value(null, oldValueJson), new Value(null, newValueJson),
        reason);
  }

  /** The revision of the change; every change of one write (or txn) shares it. */
  public long revision() {
    return revision;
  }

  public EventType type() {
    return type;
  }

  public String scope() {
    return scope;
  }

  public String key() {
    return key;
  }

  /** The value before, or null when the key did not exist. */
  public JsonNode oldValue() {
    return oldValue.tree();
  }

  /** The value after, or null for a deletion. */
  public JsonNode newValue() {
    return newValue.tree();
  }

  /** {@code write}, or {@code expired} for a deletion by TTL. */
  public String reason() {
    return reason;
  }

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
    out.set("old_value", orNull(oldValue()));
    out.set("new_value", orNull(newValue()));
    out.put("revision", revision);
    out.put("reason", reason);
    return out;
  }

  private static JsonNode orNull(JsonNode value) {
    return value == null ? NullNode.getInstance() : value;
  }

  /** Equal when every field is, the values compared as trees. */
  @Override
  public boolean equals(Object o) {
    return o instanceof WatchEvent e && e.revision == revision && e.type == type && e.scope.equals(scope)
        && e.key.equals(key) && Objects.equals(e.oldValue(), oldValue()) && Objects.equals(e.newValue(), newValue())
        && e.reason.equals(reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(revision, type, scope, key, oldValue(), newValue(), reason);
  }

  @Override
  public String toString() {
    return "WatchEvent[revision=" + revision + ", type=" + type + ", scope=" + scope + ", key=" + key + ", oldValue="
        + oldValue() + ", newValue=" + newValue() + ", reason=" + reason + "]";
  }

  /**
   * A value given as a tree or as JSON text. The text is read once, by whichever thread asks
   * first; a race reads it twice into equal trees, and either may be kept.
   */
  private static final class Value {
    private volatile JsonNode tree;
    private volatile byte[] text;

    Value(JsonNode tree, byte[] text) {
      this.tree = tree;
      this.text = text;
    }

    JsonNode tree() {
      JsonNode t = tree;
      if (t != null) {
        return t;
      }
      byte[] json = text;
      if (json == null) {
        return tree; // absent, or another thread read the text meanwhile
      }
      t = JsonValues.readTree(json);
      tree = t;
      text = null;
      return t;
    }
  }
}
