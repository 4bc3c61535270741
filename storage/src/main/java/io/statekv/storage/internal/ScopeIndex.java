package io.statekv.storage.internal;

import io.statekv.storage.Entry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * The in-heap index of stored keys: every scope in code point order, each with its sorted keys
 * ({@link ScopeKeys}) and what it takes to tell, without reading entries, whether the scope holds
 * a live entry at a given time.
 *
 * <p>Not thread-safe: the store guards it with its lock.
 */
final class ScopeIndex {
  private final TreeMap<String, Scope> scopes = new TreeMap<>(NameOrder.STRINGS);

  /** One scope's keys and expiry summary. */
  static final class Scope {
    final String name;
    final byte[] utf8;
    final ScopeKeys keys = new ScopeKeys();
    /** Entries without an expiry. */
    long permanent;
    /** For entries with an expiry: expires_at to how many entries expire then. */
    final TreeMap<Long, Integer> expiries = new TreeMap<>();

    Scope(String name) {
      this.name = name;
      this.utf8 = name.getBytes(StandardCharsets.UTF_8);
    }

    /** True when some entry is still visible at {@code nowMillis}. */
    boolean hasLiveAt(long nowMillis) {
      return permanent > 0 || (!expiries.isEmpty() && expiries.lastKey() > nowMillis);
    }

    private void count(long expiresAt, int delta) {
      if (expiresAt == Entry.NO_EXPIRY) {
        permanent += delta;
      } else {
        expiries.merge(expiresAt, delta, (a, b) -> a + b == 0 ? null : a + b);
      }
    }
  }

  Scope scope(String name) {
    return scopes.get(name);
  }

  Collection<Scope> scopes() {
    return scopes.values();
  }

  /** Records a new key; returns the array now held for it (shared with the expiry index). */
  byte[] add(String scope, byte[] key, long expiresAt) {
    Scope s = scopes.computeIfAbsent(scope, Scope::new);
    if (!s.keys.add(key)) {
      throw new IllegalStateException("key already indexed in scope " + scope);
    }
    s.count(expiresAt, 1);
    return key;
  }

  /** Forgets a key. */
  void remove(String scope, byte[] key, long expiresAt) {
    Scope s = scopes.get(scope);
    if (s == null || !s.keys.remove(key)) {
      throw new IllegalStateException("key not indexed in scope " + scope);
    }
    s.count(expiresAt, -1);
    if (s.keys.size() == 0) {
      scopes.remove(scope);
    }
  }

  /** Moves a key's expiry in the scope summary. */
  void changeExpiry(String scope, long oldExpiresAt, long newExpiresAt) {
    if (oldExpiresAt == newExpiresAt) {
      return;
    }
    Scope s = scopes.get(scope);
    s.count(oldExpiresAt, -1);
    s.count(newExpiresAt, 1);
  }

  /** The stored array for a key, or null. */
  byte[] find(String scope, byte[] key) {
    Scope s = scopes.get(scope);
    return s == null ? null : s.keys.find(key);
  }

  /** Sorted names of the scopes that hold an entry still visible at {@code nowMillis}. */
  List<String> liveScopes(long nowMillis) {
    List<String> out = new ArrayList<>();
    for (Scope s : scopes.values()) {
      if (s.hasLiveAt(nowMillis)) {
        out.add(s.name);
      }
    }
    return out;
  }
}
