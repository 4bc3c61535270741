package io.statekv.storage.internal;

import io.statekv.storage.CorruptSnapshotException;
import io.statekv.storage.Entry;
import io.statekv.storage.Json;
import io.statekv.storage.Limits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * Reads version 1 of {@link SnapshotFormat} into a new store.
 *
 * <p>Everything is checked while streaming: every length against its limit before anything is
 * allocated, names against the data-model rules, strictly increasing order of sessions, scopes and
 * keys, metadata consistency, counts against the header, the end magic, the checksum of the whole
 * file and its exact length. The state is built into a fresh map as it is read; if any check
 * fails, that map is closed and nothing of the snapshot is ever used.
 */
final class SnapshotReaderV1 {
  private final SnapshotInput in;
  private final SnapshotFormat.Header header;

  private SnapshotReaderV1(SnapshotInput in, SnapshotFormat.Header header) {
    this.in = in;
    this.header = header;
  }

  static ChronicleStateStore read(SnapshotInput in, SnapshotFormat.Header header) throws IOException {
    return new SnapshotReaderV1(in, header).read();
  }

  private ChronicleStateStore read() throws IOException {
    StoredState stored = new StoredState(MapSizing.forSettings(header.settings()));
    try {
      ClientSessions sessions = readSessions();
      readScopes(stored);
      readTrailer();
      return new ChronicleStateStore(header.settings(), header.revision(), header.stamp(), stored, sessions);
    } catch (IOException | RuntimeException | Error e) {
      stored.close();
      if (e instanceof BinaryReader.MalformedException || e instanceof IllegalArgumentException) {
        throw corrupt(e.getMessage());
      }
      throw e;
    }
  }

  private ClientSessions readSessions() throws IOException {
    if (header.sessions() > header.settings().sessionsMax()) {
      throw corrupt("more sessions than sessions_max");
    }
    ClientSessions sessions = new ClientSessions();
    UUID previous = null;
    for (long i = 0; i < header.sessions(); i++) {
      UUID id = new UUID(in.readLong(), in.readLong());
      if (previous != null && previous.compareTo(id) >= 0) {
        throw corrupt("sessions out of client id order");
      }
      previous = id;
      ClientSessions.Session s = new ClientSessions.Session(id, in.readLong(), in.readLong());
      int responses = in.readInt();
      if (responses < 0 || responses > Limits.SESSION_RESPONSES_MAX) {
        throw corrupt("session holds " + responses + " responses");
      }
      long previousSeq = s.floor - 1;
      for (int r = 0; r < responses; r++) {
        long seq = in.readLong();
        if (seq <= previousSeq) {
          throw corrupt("session responses out of order or below the floor");
        }
        previousSeq = seq;
        byte[] encoded = readBlock(Limits.SESSION_RESPONSE_BYTES_MAX, "cached response");
        ResultCodec.decode(encoded);
        s.responses.put(seq, encoded);
      }
      sessions.restore(s);
    }
    return sessions;
  }

  private void readScopes(StoredState stored) throws IOException {
    byte[] previousScope = null;
    long entries = 0;
    for (long i = 0; i < header.scopes(); i++) {
      byte[] scopeUtf8 = readName(Limits.SCOPE_BYTES_MAX, "scope");
      if (previousScope != null && Arrays.compareUnsigned(previousScope, scopeUtf8) >= 0) {
        throw corrupt("scopes out of order");
      }
      previousScope = scopeUtf8;
      String scope = new String(scopeUtf8, StandardCharsets.UTF_8);
      long count = in.readLong();
      if (count < 1 || count > header.entries() - entries) {
        throw corrupt("scope entry count " + count + " does not match the header");
      }
      byte[] previousKey = null;
      for (long k = 0; k < count; k++) {
        byte[] key = readName(Limits.KEY_BYTES_MAX, "key");
        if (previousKey != null && Arrays.compareUnsigned(previousKey, key) >= 0) {
          throw corrupt("keys out of order in scope " + scope);
        }
        previousKey = key;
        stored.load(scope, scopeUtf8.length, key, readEntry(scope));
      }
      entries += count;
    }
    if (entries != header.entries()) {
      throw corrupt("snapshot holds " + entries + " entries, its header says " + header.entries());
    }
  }

  /** An entry's metadata and value; the key is not needed to load it. */
  private Entry readEntry(String scope) throws IOException {
    long revision = in.readLong();
    long createRevision = in.readLong();
    long version = in.readLong();
    long createdAt = in.readLong();
    long updatedAt = in.readLong();
    long expiresAt = in.readLong();
    if (createRevision < 1 || createRevision > revision || revision > header.revision() || version < 1) {
      throw corrupt("impossible metadata in scope " + scope);
    }
    byte[] value = readBlock(Limits.VALUE_BYTES_MAX_CEILING, "value");
    if (value.length == 0) {
      throw corrupt("empty value in scope " + scope);
    }
    return new Entry(
        scope, null, Json.ofCompact(value), revision, createRevision, version, createdAt, updatedAt, expiresAt);
  }

  /** A scope or key: its length within limits, then its bytes, checked against the name rules. */
  private byte[] readName(int bytesMax, String what) throws IOException {
    int length = in.readShort();
    if (length < 1 || length > bytesMax) {
      throw corrupt(what + " length " + length + " out of range");
    }
    byte[] utf8 = new byte[length];
    in.readFully(utf8);
    if (isPlainAscii(utf8)) {
      return utf8;
    }
    String name = new String(utf8, StandardCharsets.UTF_8);
    String problem = NameRules.check(what, name, bytesMax);
    if (problem == null && !Arrays.equals(name.getBytes(StandardCharsets.UTF_8), utf8)) {
      problem = what + " is not valid UTF-8";
    }
    if (problem != null) {
      throw corrupt("invalid " + problem);
    }
    return utf8;
  }

  private static boolean isPlainAscii(byte[] utf8) {
    for (byte b : utf8) {
      if (b < 0x20 || b == 0x7F) {
        return false;
      }
    }
    return true;
  }

  private byte[] readBlock(long bytesMax, String what) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > bytesMax) {
      throw corrupt(what + " length " + length + " out of range");
    }
    byte[] b = new byte[length];
    in.readFully(b);
    return b;
  }

  private void readTrailer() throws IOException {
    byte[] end = new byte[SnapshotFormat.END_MAGIC.length];
    in.readFully(end);
    if (!Arrays.equals(end, SnapshotFormat.END_MAGIC)) {
      throw corrupt("end marker missing: the body is damaged");
    }
    int computed = in.crc();
    if (computed != in.readInt()) {
      throw corrupt("checksum mismatch: the snapshot is damaged");
    }
    if (in.position() != in.fileSize()) {
      throw corrupt((in.fileSize() - in.position()) + " unexpected bytes after the snapshot");
    }
  }

  private CorruptSnapshotException corrupt(String message) {
    return new CorruptSnapshotException(message + " (at offset " + in.position() + ")");
  }
}
