package io.statekv.storage.internal;

/**
 * A (scope, key) with its encodings, built once per command.
 *
 * <p>Equality is by scope and key only.
 */
final class Address {
  final String scope;
  final String key;
  final byte[] scopeUtf8;
  final byte[] keyUtf8;
  final byte[] entryKey;

  private Address(String scope, String key, byte[] scopeUtf8, byte[] keyUtf8) {
    this.scope = scope;
    this.key = key;
    this.scopeUtf8 = scopeUtf8;
    this.keyUtf8 = keyUtf8;
    this.entryKey = MapKeys.entryKey(scopeUtf8, keyUtf8);
  }

  /** The address of a validated scope and key. */
  static Address of(String scope, String key) {
    byte[] s = MapKeys.utf8(scope, io.statekv.storage.Limits.SCOPE_BYTES_MAX);
    byte[] k = MapKeys.utf8(key, io.statekv.storage.Limits.KEY_BYTES_MAX);
    if (s == null || k == null) {
      throw new IllegalArgumentException("not a valid scope and key; validate before addressing");
    }
    return new Address(scope, key, s, k);
  }

  /** An address from names already encoded, as the indexes hold them. */
  static Address of(String scope, byte[] scopeUtf8, byte[] keyUtf8) {
    return new Address(scope, new String(keyUtf8, java.nio.charset.StandardCharsets.UTF_8), scopeUtf8, keyUtf8);
  }

  /** Bytes of scope and key, as counted against {@code state_bytes_max}. */
  int nameBytes() {
    return scopeUtf8.length + keyUtf8.length;
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
