package io.statekv.storage.internal;

import io.statekv.storage.Limits;
import java.nio.charset.StandardCharsets;

/**
 * A (scope, key) with the key's UTF-8, built once per command.
 *
 * <p>Equality is by scope and key only.
 */
final class Address {
  final String scope;
  final String key;
  final byte[] keyUtf8;
  private final int scopeBytes;

  private Address(String scope, String key, int scopeBytes, byte[] keyUtf8) {
    this.scope = scope;
    this.key = key;
    this.scopeBytes = scopeBytes;
    this.keyUtf8 = keyUtf8;
  }

  /** The address of a validated scope and key. */
  static Address of(String scope, String key) {
    byte[] s = MapKeys.utf8(scope, Limits.SCOPE_BYTES_MAX);
    byte[] k = MapKeys.utf8(key, Limits.KEY_BYTES_MAX);
    if (s == null || k == null) {
      throw new IllegalArgumentException("not a valid scope and key; validate before addressing");
    }
    return new Address(scope, key, s.length, k);
  }

  /** An address from names already encoded, as the indexes and snapshots hold them. */
  static Address of(String scope, byte[] scopeUtf8, byte[] keyUtf8) {
    return new Address(scope, new String(keyUtf8, StandardCharsets.UTF_8), scopeUtf8.length, keyUtf8);
  }

  /** Bytes of scope and key, as counted against {@code state_bytes_max}. */
  int nameBytes() {
    return scopeBytes + keyUtf8.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Address a && a.scope.equals(scope) && a.key.equals(key);
  }

  @Override
  public int hashCode() {
    return scope.hashCode() * 31 + key.hashCode();
  }

  @Override
  public String toString() {
    return scope + "/" + key;
  }
}
