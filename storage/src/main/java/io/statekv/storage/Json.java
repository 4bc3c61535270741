package io.statekv.storage;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An immutable JSON value held as compact UTF-8 bytes.
 *
 * <p>The bytes are the value's identity: replicas store exactly the bytes that came through the
 * log, or the bytes that the deterministic {@link JsonCodec} wrote, so two replicas hold equal
 * bytes for equal state. {@link #equals} compares bytes; use {@link #sameValue} to compare JSON
 * meaning (object key order ignored, 1 and 1.0 still different, as integers stay integers).
 *
 * <p>Thread-safe. The parsed tree is cached on first use; callers must not mutate it.
 */
public final class Json {
  public static final Json NULL = new Json("null".getBytes(StandardCharsets.UTF_8));
  public static final Json EMPTY_OBJECT = new Json("{}".getBytes(StandardCharsets.UTF_8));

  private final byte[] bytes;
  private volatile JsonNode node;

  private Json(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Wraps bytes that are already compact JSON written by {@link JsonCodec}, or read back from the
   * store or the log. The array is not copied and must not be changed afterwards.
   */
  public static Json ofCompact(byte[] compactUtf8) {
    if (compactUtf8.length == 0) {
      throw new IllegalArgumentException("empty JSON");
    }
    return new Json(compactUtf8);
  }

  /** Serializes a tree with the canonical codec. The tree must not be changed afterwards. */
  public static Json of(JsonNode node) {
    Json json = new Json(JsonCodec.writeCompact(node));
    json.node = node;
    return json;
  }

  /** Parses and re-serializes untrusted text into its compact form. */
  public static Json parse(String text) {
    return of(JsonCodec.parse(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** The compact UTF-8 bytes. The array is shared: do not change it. */
  public byte[] bytes() {
    return bytes;
  }

  /** Length of the compact form, the measure of every value limit. */
  public int size() {
    return bytes.length;
  }

  /** The parsed tree, cached. Do not mutate it; use {@code node().deepCopy()} to edit. */
  public JsonNode node() {
    JsonNode n = node;
    if (n == null) {
      n = JsonCodec.parse(bytes);
      node = n;
    }
    return n;
  }

  /** True when both hold the same JSON value, ignoring object key order. */
  public boolean sameValue(Json other) {
    return other != null && (Arrays.equals(bytes, other.bytes) || node().equals(other.node()));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Json other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
