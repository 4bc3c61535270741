package io.statekv.storage.internal;

import io.statekv.storage.Entry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.HashMap;

/**
 * The in-heap index of stored keys: every scope in code point order, each with its sorted keys
 * ({@link ScopeKeys}) and what it takes to tell, without reading entries, whether the scope holds
 * a live entry at a given time.
 *
 * <p>Not thread-safe: the store guards it with its lock.
 */
final class ScopeIndex {
  private final TreeMap<String, Scope> scopes = new TreeMap<>(NameOrder.STRINGS);
  /** The same scopes by name, for lookups that need no order. */
  private final HashMap<String, Scope> byName = new HashMap<>();
  /** Ids of removed scopes, reused first so that ids stay small. */
  private final ArrayDeque<Integer> freeIds = new ArrayDeque<>();
  private int nextId;

  /** One scope's keys and expiry summary. */
  static final class Scope {
    final String name;
    final byte[] utf8;
    /** The number that stands for the scope in map keys while it holds entries. */
    final int id;
    final ScopeKeys keys = new ScopeKeys();
    /** Entries without an expiry. */
    long permanent;
    /** For entries with an expiry: expires_at to how many entries expire then. */
    final TreeMap<Long, Integer> expiries = new TreeMap<>();

    Scope(String name, int id) {
      this.name = name;
      this.utf8 = name.getBytes(StandardCharsets.UTF_8);
      this.id = id;
    }

    /** The map key of one of this scope's keys. */
    byte[] mapKey(byte[] keyUtf8) {
      return MapKeys.entryKey(id, keyUtf8);
    }

    /** The map key of a key given as a string, or null when it is not a valid key. */
    byte[] mapKey(String key) {
      return MapKeys.entryKey(id, key);
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
    return byName.get(name);
  }

  Collection<Scope> scopes() {
    return scopes.values();
  }

  /** The map key of a key, or null when its scope holds nothing. */
  byte[] mapKey(String scope, byte[] keyUtf8) {
    Scope s = byName.get(scope);
    return s == null ? null : s.mapKey(keyUtf8);
  }

  /**
   * Records a new key and returns its scope, created with a fresh id if it held nothing. The map
   * entry is written after this, under the scope's id.
   */
  Scope add(String scope, byte[] key, long expiresAt) {
    Scope s = scopes.get(scope);
    if (s == null) {
      s = new Scope(scope, freeIds.isEmpty() ? nextId++ : freeIds.pop());
      scopes.put(scope, s);
      byName.put(scope, s);
    }
    if (!s.keys.add(key)) {
      throw new IllegalStateException("key already indexed in scope " + scope);
    }
    s.count(expiresAt, 1);
    return s;
  }

  /** Forgets a key; the map entry must be removed before, while the scope's id is still valid. */
  void remove(String scope, byte[] key, long expiresAt) {
    Scope s = byName.get(scope);
    if (s == null || !s.keys.remove(key)) {
      throw new IllegalStateException("key not indexed in scope " + scope);
    }
    s.count(expiresAt, -1);
    if (s.keys.size() == 0) {
      scopes.remove(scope);
      byName.remove(scope);
      freeIds.push(s.id);
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
