package io.statekv.storage.internal;

import io.statekv.storage.ClusterSettings;
import io.statekv.storage.Entry;
import java.io.IOException;
import java.util.Map;

/**
 * The canonical serialisation of the replicated state, shared by the snapshot file (version 1 of
 * {@link SnapshotFormat}) and the state hash, so that a snapshot's content and the hash cover
 * exactly the same things in the same order.
 *
 * <p>Fields, big-endian:
 *
 * <pre>
 * state:    revision i64, stamp i64, entry count i64, session count i64, scope count i64,
 *           settings (value_bytes_max i32, entries_max i64, state_bytes_max i64,
 *           sessions_max i32, session_ttl_millis i64)
 * sessions: in client id order: id (i64 msb, i64 lsb), floor i64, last seen i64,
 *           response count i32, then per response in seq order: seq i64, length i32, bytes
 *           (a {@link ResultCodec} encoding)
 * scopes:   in code point order: length i16, UTF-8 name, entry count i64, then per entry in
 *           key order: key length i16, UTF-8 key, revision i64, create_revision i64,
 *           version i64, created_at i64, updated_at i64, expires_at i64, value length i32,
 *           compact JSON value
 * </pre>
 */
final class StateEncoding {
  private StateEncoding() {}

  static void writeStateFields(SnapshotOutput out, StateView v) throws IOException {
    out.writeLong(v.revision());
    out.writeLong(v.stamp());
    out.writeLong(v.stored().entries());
    out.writeLong(v.sessions().size());
    out.writeLong(v.stored().scopes().scopes().size());
    writeSettings(out, v.settings());
  }

  static void writeSettings(SnapshotOutput out, ClusterSettings s) throws IOException {
    out.writeInt(s.valueBytesMax());
    out.writeLong(s.entriesMax());
    out.writeLong(s.stateBytesMax());
    out.writeInt(s.sessionsMax());
    out.writeLong(s.sessionTtlMillis());
  }

  static void writeSessions(SnapshotOutput out, ClientSessions sessions) throws IOException {
    for (ClientSessions.Session s : sessions.inClientIdOrder()) {
      out.writeLong(s.clientId.getMostSignificantBits());
      out.writeLong(s.clientId.getLeastSignificantBits());
      out.writeLong(s.floor);
      out.writeLong(s.lastSeen);
      out.writeInt(s.responses.size());
      for (Map.Entry<Long, byte[]> r : s.responses.entrySet()) {
        out.writeLong(r.getKey());
        out.writeInt(r.getValue().length);
        out.write(r.getValue());
      }
    }
  }

  static void writeScopes(SnapshotOutput out, StoredState stored) throws IOException {
    for (ScopeIndex.Scope scope : stored.scopes().scopes()) {
      out.writeShort(scope.utf8.length);
      out.write(scope.utf8);
      out.writeLong(scope.keys.size());
      ScopeKeys.Cursor cursor = scope.keys.first();
      for (byte[] key = cursor.next(); key != null; key = cursor.next()) {
        byte[] entryKey = scope.mapKey(key);
        Entry e = stored.values().read(null, null, entryKey, ValueStore.ANY_TIME, true);
        if (e == null) {
          throw new IllegalStateException("indexed key has no stored entry in scope " + scope.name);
        }
        out.writeShort(key.length);
        out.write(key);
        out.writeLong(e.revision());
        out.writeLong(e.createRevision());
        out.writeLong(e.version());
        out.writeLong(e.createdAt());
        out.writeLong(e.updatedAt());
        out.writeLong(e.expiresAt());
        byte[] value = e.value().bytes();
        out.writeInt(value.length);
        out.write(value);
      }
    }
  }
}
