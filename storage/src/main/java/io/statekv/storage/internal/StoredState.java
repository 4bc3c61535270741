package io.statekv.storage.internal;

import io.statekv.storage.Entry;

/**
 * What the store holds once log entries are committed: the off-heap entries, the in-heap scope
 * and expiry indexes, and the counts the quotas check.
 *
 * <p>Changed only by {@link #commit} and {@link #load}, which the store calls under its write
 * lock; read under its read lock, or from the apply thread.
 */
final class StoredState implements AutoCloseable {
  private final ValueStore values;
  private final ScopeIndex scopes = new ScopeIndex();
  private final ExpiryIndex expiries = new ExpiryIndex();
  private long entries;
  private long bytes;

  StoredState(MapSizing sizing) {
    this.values = new ValueStore(sizing);
  }

  ValueStore values() {
    return values;
  }

  ScopeIndex scopes() {
    return scopes;
  }

  ExpiryIndex expiries() {
    return expiries;
  }

  long entries() {
    return entries;
  }

  long bytes() {
    return bytes;
  }

  /** Writes the final state of every key the log entry changed. */
  void commit(StagedWrites staged) {
    for (StagedWrites.Slot s : staged.slots()) {
      if (s.dirty) {
        commitSlot(s.address, s.stored, s.current);
      }
    }
  }

  private void commitSlot(Address a, Entry before, Entry after) {
    if (before == null && after == null) {
      return;
    }
    int oldPieces = before == null ? 0 : EntryCodec.pieceCount(before.value().size());
    if (after == null) {
      values.remove(scopes.mapKey(a.scope, a.keyUtf8), oldPieces);
      scopes.remove(a.scope, a.keyUtf8, before.expiresAt());
      expiries.remove(before.expiresAt(), a.scope, a.keyUtf8);
    } else if (before == null) {
      ScopeIndex.Scope scope = scopes.add(a.scope, a.keyUtf8, after.expiresAt());
      values.put(scope.mapKey(a.keyUtf8), after, 0);
      expiries.add(after.expiresAt(), a.scope, a.keyUtf8);
    } else {
      values.put(scopes.mapKey(a.scope, a.keyUtf8), after, oldPieces);
      if (before.expiresAt() != after.expiresAt()) {
        scopes.changeExpiry(a.scope, before.expiresAt(), after.expiresAt());
        expiries.remove(before.expiresAt(), a.scope, a.keyUtf8);
        expiries.add(after.expiresAt(), a.scope, a.keyUtf8);
      }
    }
    entries += (after != null ? 1 : 0) - (before != null ? 1 : 0);
    bytes += StagedWrites.bytesOf(a, after) - StagedWrites.bytesOf(a, before);
  }

  /** The stored entry of an address, expired or not, or null. */
  Entry read(Address a) {
    byte[] mapKey = scopes.mapKey(a.scope, a.keyUtf8);
    return mapKey == null ? null : values.read(a.scope, a.key, mapKey, ValueStore.ANY_TIME, true);
  }

  /**
   * Adds an entry read from a snapshot, where entries arrive in (scope, key) order; {@code e}
   * carries the metadata and value, its scope and key are not needed.
   */
  void load(String scope, int scopeBytes, byte[] keyUtf8, Entry e) {
    ScopeIndex.Scope s = scopes.add(scope, keyUtf8, e.expiresAt());
    values.put(s.mapKey(keyUtf8), e, 0);
    expiries.add(e.expiresAt(), scope, keyUtf8);
    entries++;
    bytes += scopeBytes + keyUtf8.length + (long) e.value().size();
  }

  @Override
  public void close() {
    values.close();
  }
}
