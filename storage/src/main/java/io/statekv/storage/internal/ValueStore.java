package io.statekv.storage.internal;

import io.statekv.storage.Entry;
import io.statekv.storage.Json;
import java.util.Arrays;
import net.openhft.chronicle.bytes.RandomDataInput;
import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;

/**
 * Entry metadata and values, off-heap in an in-memory Chronicle Map keyed by {@link MapKeys}.
 *
 * <p>The map is never persisted: durability comes from snapshots and the Raft log, and a
 * persisted Chronicle file cannot be trusted after a kill -9. Values longer than {@link
 * EntryCodec#PIECE_BYTES} are split into pieces (see {@link EntryCodec}). Reads decode the head in
 * place through a query context, copying out only the value.
 *
 * <p>Thread-safety: Chronicle is safe for concurrent use, but a multi-piece value is several map
 * entries, so the store must keep readers out while it writes ({@link ChronicleStateStore} does).
 * A write that Chronicle refuses is a broken sizing invariant, not an input error: it throws
 * {@link IllegalStateException}.
 */
final class ValueStore implements AutoCloseable {
  /** Read an entry whatever its expiry. */
  static final long ANY_TIME = Long.MIN_VALUE;

  private ChronicleMap<byte[], byte[]> map;
  private MapSizing sizing;

  ValueStore(MapSizing sizing) {
    this.sizing = sizing;
    this.map = sizing.create();
  }

  MapSizing sizing() {
    return sizing;
  }

  /**
   * The entry stored under {@code entryKey}, or null when there is none or it has expired at
   * {@code nowMillis} ({@link #ANY_TIME} to include expired entries). Its value is null unless
   * {@code withValue}.
   */
  Entry read(String scope, String key, byte[] entryKey, long nowMillis, boolean withValue) {
    EntryCodec.Head h;
    byte[] value = null;
    try (ExternalMapQueryContext<byte[], byte[], ?> c = map.queryContext(entryKey)) {
      MapEntry<byte[], byte[]> e = c.entry();
      if (e == null) {
        return null;
      }
      Data<byte[]> d = e.value();
      RandomDataInput in = d.bytes();
      int size = (int) d.size();
      byte[] prefix = new byte[Math.min(size, EntryCodec.HEADER_BYTES_MAX)];
      in.read(d.offset(), prefix, 0, prefix.length);
      h = EntryCodec.decodeHead(prefix, size);
      if (nowMillis != ANY_TIME && h.isExpiredAt(nowMillis)) {
        return null;
      }
      if (withValue) {
        value = new byte[h.valueBytes()];
        in.read(d.offset() + h.valueOffset(), value, 0, h.firstPieceBytes());
      }
    }
    if (withValue && h.pieces() > 1) {
      readPieces(entryKey, h, value);
    }
    return new Entry(
        scope, key, value == null ? null : Json.ofCompact(value), h.revision(), h.createRevision(), h.version(),
        h.createdAt(), h.updatedAt(), h.expiresAt());
  }

  /** Fills the rest of a value from its pieces; done outside any query context. */
  private void readPieces(byte[] entryKey, EntryCodec.Head h, byte[] out) {
    int pos = h.firstPieceBytes();
    for (int i = 1; i < h.pieces(); i++) {
      byte[] piece = map.get(MapKeys.pieceKey(entryKey, i));
      if (piece == null || pos + piece.length > out.length) {
        throw new IllegalStateException("piece " + i + " of a stored value is missing or too long");
      }
      System.arraycopy(piece, 0, out, pos, piece.length);
      pos += piece.length;
    }
    if (pos != out.length) {
      throw new IllegalStateException("stored value is " + pos + " bytes, its header says " + out.length);
    }
  }

  /** Stores {@code entry}, replacing a previous value of {@code oldPieces} pieces (0 if none). */
  void put(byte[] entryKey, Entry entry, int oldPieces) {
    byte[] json = entry.value().bytes();
    int pieces = EntryCodec.pieceCount(json.length);
    for (int i = 1; i < pieces; i++) {
      int from = i * EntryCodec.PIECE_BYTES;
      int to = Math.min(json.length, from + EntryCodec.PIECE_BYTES);
      write(MapKeys.pieceKey(entryKey, i), Arrays.copyOfRange(json, from, to));
    }
    write(entryKey, EntryCodec.encodeHead(entry, json));
    for (int i = pieces; i < oldPieces; i++) {
      map.remove(MapKeys.pieceKey(entryKey, i));
    }
  }

  /** Removes an entry of {@code pieces} pieces. */
  void remove(byte[] entryKey, int pieces) {
    map.remove(entryKey);
    for (int i = 1; i < pieces; i++) {
      map.remove(MapKeys.pieceKey(entryKey, i));
    }
  }

  private void write(byte[] mapKey, byte[] value) {
    try {
      map.put(mapKey, value);
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "Chronicle refused a write the quotas allowed; the map sizing invariant is broken (" + sizing + ")", e);
    }
  }

  /**
   * Moves every stored entry into a new map of at least {@code wanted} size, when the current one
   * is smaller. The content is unchanged, so the outcome is the same on every replica.
   */
  void ensureSize(MapSizing wanted) {
    if (sizing.covers(wanted)) {
      return;
    }
    MapSizing bigger = sizing.union(wanted);
    ChronicleMap<byte[], byte[]> next = bigger.create();
    try {
      map.forEachEntry(e -> next.put(e.key().getUsing(null), e.value().getUsing(null)));
    } catch (RuntimeException e) {
      next.close();
      throw new IllegalStateException("could not move entries into a larger map", e);
    }
    ChronicleMap<byte[], byte[]> old = map;
    map = next;
    sizing = bigger;
    old.close();
  }

  /** Off-heap bytes the map has reserved. */
  long offHeapBytes() {
    return map.offHeapMemoryUsed();
  }

  /** Chronicle entries, counting every piece. */
  long mapEntries() {
    return map.longSize();
  }

  @Override
  public void close() {
    map.close();
  }
}
