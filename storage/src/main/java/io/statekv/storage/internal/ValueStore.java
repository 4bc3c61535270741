package io.statekv.storage.internal;

import io.statekv.storage.Entry;
import io.statekv.storage.Json;
import java.util.function.BiConsumer;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * Entry metadata and values, off-heap in an in-memory Chronicle Map keyed by {@link MapKeys}.
 *
 * <p>The map is never persisted: durability comes from snapshots and the Raft log, and a
 * persisted Chronicle file cannot be trusted after a kill -9. Values longer than {@link
 * EntryCodec#PIECE_BYTES} are split into pieces (see {@link EntryCodec}).
 *
 * <p>Thread-safety: Chronicle is safe for concurrent use, but a multi-piece value is several map
 * entries, so the store must keep readers out while it writes ({@link ChronicleStateStore} does).
 * A write that Chronicle refuses is a broken sizing invariant, not an input error: it throws
 * {@link IllegalStateException}.
 */
final class ValueStore implements AutoCloseable {
  private ChronicleMap<byte[], byte[]> map;
  private MapSizing sizing;

  ValueStore(MapSizing sizing) {
    this.sizing = sizing;
    this.map = sizing.create();
  }

  MapSizing sizing() {
    return sizing;
  }

  /** The decoded head of the entry stored under {@code entryKey}, or null. */
  EntryCodec.Head head(byte[] entryKey) {
    byte[] raw = map.get(entryKey);
    return raw == null ? null : EntryCodec.decodeHead(raw);
  }

  /** The whole entry, value included, or null. */
  Entry get(String scope, String key, byte[] entryKey) {
    EntryCodec.Head h = head(entryKey);
    return h == null ? null : toEntry(scope, key, entryKey, h, true);
  }

  /** Builds the entry for a decoded head; reads the other pieces when {@code withValue}. */
  Entry toEntry(String scope, String key, byte[] entryKey, EntryCodec.Head h, boolean withValue) {
    Json value = withValue ? Json.ofCompact(valueBytes(entryKey, h)) : null;
    return new Entry(
        scope, key, value, h.revision(), h.createRevision(), h.version(), h.createdAt(), h.updatedAt(), h.expiresAt());
  }

  /** Assembles the value bytes of a decoded head from its pieces. */
  byte[] valueBytes(byte[] entryKey, EntryCodec.Head h) {
    byte[] out = new byte[h.valueBytes()];
    int first = h.firstPieceBytes();
    System.arraycopy(h.raw(), h.valueOffset(), out, 0, first);
    int pos = first;
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
    return out;
  }

  /** Stores {@code entry}, replacing a previous value of {@code oldPieces} pieces (0 if none). */
  void put(byte[] entryKey, Entry entry, int oldPieces) {
    byte[] json = entry.value().bytes();
    int pieces = EntryCodec.pieceCount(json.length);
    for (int i = 1; i < pieces; i++) {
      int from = i * EntryCodec.PIECE_BYTES;
      int to = Math.min(json.length, from + EntryCodec.PIECE_BYTES);
      byte[] piece = java.util.Arrays.copyOfRange(json, from, to);
      write(MapKeys.pieceKey(entryKey, i), piece);
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
      map.forEachEntry(e -> next.put(e.key().get(), e.value().get()));
    } catch (RuntimeException e) {
      next.close();
      throw new IllegalStateException("could not move entries into a larger map", e);
    }
    ChronicleMap<byte[], byte[]> old = map;
    map = next;
    sizing = bigger;
    old.close();
  }

  /** Visits every raw map entry, in no particular order. */
  void forEachRaw(BiConsumer<byte[], byte[]> visitor) {
    map.forEachEntry(e -> visitor.accept(e.key().get(), e.value().get()));
  }

  /** Off-heap bytes the map has allocated. */
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
