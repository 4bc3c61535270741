package io.statekv.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The keys and the value a run works on, identical for every system: {@code keys} keys named
 * {@code key/00000000} onwards in the scope {@code bench}, and one value of exactly {@code
 * valueBytes} bytes, which is a JSON string so that statekv stores it as is and etcd stores the
 * same bytes. Immutable and thread-safe.
 */
public final class KeySpace {
  /** The scope statekv keeps the keys in; etcd keys carry it as a prefix. */
  public static final String SCOPE = "bench";
  /** Fewer keys than this would make a benchmark of cache hits and hot keys. */
  public static final int KEYS_MIN = 1;
  /** A bound for the in-memory key tables of the drivers. */
  public static final int KEYS_MAX = 10_000_000;
  /** The two quotes of a JSON string. */
  public static final int VALUE_BYTES_MIN = 2;
  /** Far below every system's value limit. */
  public static final int VALUE_BYTES_MAX = 1 << 20;

  private final int keys;
  private final byte[] value;

  public KeySpace(int keys, int valueBytes) {
    if (keys < KEYS_MIN || keys > KEYS_MAX) {
      throw new IllegalArgumentException("keys must be " + KEYS_MIN + " to " + KEYS_MAX + ": " + keys);
    }
    if (valueBytes < VALUE_BYTES_MIN || valueBytes > VALUE_BYTES_MAX) {
      throw new IllegalArgumentException("value bytes must be " + VALUE_BYTES_MIN + " to " + VALUE_BYTES_MAX + ": " + valueBytes);
    }
    this.keys = keys;
    this.value = new byte[valueBytes];
    Arrays.fill(value, (byte) 'v');
    value[0] = '"';
    value[valueBytes - 1] = '"';
  }

  public int keys() {
    return keys;
  }

  /** The key with this index, such as {@code key/00000042}. */
  public String key(int index) {
    if (index < 0 || index >= keys) {
      throw new IndexOutOfBoundsException(index);
    }
    return String.format("key/%08d", index);
  }

  /** The etcd key of this index: the scope, a slash and the key, as UTF-8. */
  public byte[] prefixedKey(int index) {
    return (SCOPE + "/" + key(index)).getBytes(StandardCharsets.UTF_8);
  }

  /** A copy of the value's bytes (a JSON string). */
  public byte[] value() {
    return value.clone();
  }

  /** The value as the text of a JSON document. */
  public String valueJson() {
    return new String(value, StandardCharsets.US_ASCII);
  }
}
