package io.statekv.storage.internal;

/**
 * LEB128 variable-length integers, with zig-zag for values that may be negative. Used where
 * compactness matters per entry: the off-heap entry header.
 */
final class VarInts {
  private VarInts() {}

  /** Bytes needed by {@link #putLong}. */
  static int sizeOfLong(long v) {
    int n = 1;
    while ((v & ~0x7FL) != 0) {
      v >>>= 7;
      n++;
    }
    return n;
  }

  /** Writes {@code v} (treated as unsigned) at {@code pos} and returns the position after it. */
  static int putLong(byte[] buf, int pos, long v) {
    while ((v & ~0x7FL) != 0) {
      buf[pos++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[pos++] = (byte) v;
    return pos;
  }

  static long zigZag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  static long unZigZag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }

  /** A cursor over a byte array that reads varints. */
  static final class Reader {
    private final byte[] buf;
    private int pos;

    Reader(byte[] buf, int pos) {
      this.buf = buf;
      this.pos = pos;
    }

    long readLong() {
      long result = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte b = buf[pos++];
        result |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return result;
        }
      }
      throw new IllegalStateException("malformed varint in a stored entry header");
    }

    int readInt() {
      long v = readLong();
      if (v < 0 || v > Integer.MAX_VALUE) {
        throw new IllegalStateException("stored length out of range: " + v);
      }
      return (int) v;
    }

    int position() {
      return pos;
    }
  }
}
