package io.statekv.storage.internal;

import io.statekv.storage.Entry;

/**
 * Encodes an entry's metadata and the first piece of its value as one Chronicle Map value.
 *
 * <p>Layout, all integers as LEB128 varints so that a small entry stays small off-heap:
 *
 * <pre>
 *   flags                      bit 0: has expiry, bit 1: value split into pieces
 *   revision
 *   revision - create_revision
 *   version
 *   zigzag(updated_at)
 *   zigzag(updated_at - created_at)
 *   zigzag(expires_at)         only with bit 0
 *   value length, piece count  only with bit 1
 *   value bytes                the whole value, or its first piece
 * </pre>
 *
 * A value longer than {@link #PIECE_BYTES} is split: the head holds its first {@link
 * #PIECE_BYTES} bytes and pieces 1..n-1 are stored under {@link MapKeys#pieceKey} as raw bytes.
 * Bounded pieces keep every Chronicle entry far below the size of a segment tier, which is what
 * lets a value of up to {@link io.statekv.storage.Limits#VALUE_BYTES_MAX_CEILING} always store.
 */
final class EntryCodec {
  private EntryCodec() {}

  /** Value bytes per piece. */
  static final int PIECE_BYTES = 32 * 1024;

  /** The longest encoded header: six ten-byte varints, two five-byte ones and the flags. */
  static final int HEADER_BYTES_MAX = 1 + 6 * 10 + 2 * 5;

  private static final int FLAG_EXPIRY = 1;
  private static final int FLAG_PIECES = 2;

  static int pieceCount(int valueBytes) {
    return valueBytes <= PIECE_BYTES ? 1 : (valueBytes + PIECE_BYTES - 1) / PIECE_BYTES;
  }

  /** Encodes the head value of {@code entry}, whose value bytes are {@code json}. */
  static byte[] encodeHead(Entry entry, byte[] json) {
    int pieces = pieceCount(json.length);
    int firstPiece = Math.min(json.length, PIECE_BYTES);
    int flags = (entry.hasExpiry() ? FLAG_EXPIRY : 0) | (pieces > 1 ? FLAG_PIECES : 0);
    long[] fields = {
      flags,
      entry.revision(),
      entry.revision() - entry.createRevision(),
      entry.version(),
      VarInts.zigZag(entry.updatedAt()),
      VarInts.zigZag(entry.updatedAt() - entry.createdAt()),
    };
    int size = firstPiece;
    for (long f : fields) {
      size += VarInts.sizeOfLong(f);
    }
    long expiry = VarInts.zigZag(entry.expiresAt());
    if (entry.hasExpiry()) {
      size += VarInts.sizeOfLong(expiry);
    }
    if (pieces > 1) {
      size += VarInts.sizeOfLong(json.length) + VarInts.sizeOfLong(pieces);
    }
    byte[] out = new byte[size];
    int pos = 0;
    for (long f : fields) {
      pos = VarInts.putLong(out, pos, f);
    }
    if (entry.hasExpiry()) {
      pos = VarInts.putLong(out, pos, expiry);
    }
    if (pieces > 1) {
      pos = VarInts.putLong(out, pos, json.length);
      pos = VarInts.putLong(out, pos, pieces);
    }
    System.arraycopy(json, 0, out, pos, firstPiece);
    return out;
  }

  /**
   * Decodes a head from its first bytes: {@code prefix} holds at least the header (or the whole
   * head when shorter than {@link #HEADER_BYTES_MAX}), and {@code headBytes} is the head's full
   * length.
   */
  static Head decodeHead(byte[] prefix, int headBytes) {
    VarInts.Reader r = new VarInts.Reader(prefix, 0);
    int flags = r.readInt();
    long revision = r.readLong();
    long createRevision = revision - r.readLong();
    long version = r.readLong();
    long updatedAt = VarInts.unZigZag(r.readLong());
    long createdAt = updatedAt - VarInts.unZigZag(r.readLong());
    long expiresAt = (flags & FLAG_EXPIRY) != 0 ? VarInts.unZigZag(r.readLong()) : Entry.NO_EXPIRY;
    int valueBytes;
    int pieces;
    if ((flags & FLAG_PIECES) != 0) {
      valueBytes = r.readInt();
      pieces = r.readInt();
    } else {
      valueBytes = headBytes - r.position();
      pieces = 1;
    }
    int firstPiece = headBytes - r.position();
    return new Head(
        revision, createRevision, version, createdAt, updatedAt, expiresAt,
        valueBytes, pieces, r.position(), firstPiece);
  }

  /**
   * A decoded head.
   *
   * @param valueOffset where the value's first piece starts in the head
   * @param firstPieceBytes the length of that first piece
   */
  record Head(
      long revision,
      long createRevision,
      long version,
      long createdAt,
      long updatedAt,
      long expiresAt,
      int valueBytes,
      int pieces,
      int valueOffset,
      int firstPieceBytes) {

    boolean isExpiredAt(long nowMillis) {
      return expiresAt != Entry.NO_EXPIRY && nowMillis >= expiresAt;
    }
  }
}
