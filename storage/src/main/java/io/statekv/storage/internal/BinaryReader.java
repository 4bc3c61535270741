package io.statekv.storage.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads what {@link BinaryWriter} wrote, checking every length against the bytes left, so that
 * damaged input fails with {@link MalformedException} instead of reading garbage or allocating
 * without bound.
 */
final class BinaryReader {
  private final byte[] buf;
  private int pos;

  BinaryReader(byte[] buf) {
    this.buf = buf;
  }

  /** Thrown for bytes that are not a valid encoding. */
  static final class MalformedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  private void need(long n) {
    if (n < 0 || n > buf.length - pos) {
      throw new MalformedException("encoding ends early: needs " + n + " bytes at " + pos + " of " + buf.length);
    }
  }

  int readByte() {
    need(1);
    return buf[pos++] & 0xFF;
  }

  long readVarLong() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = readByte();
      result |= (long) (b & 0x7F) << shift;
      if (b < 0x80) {
        return result;
      }
    }
    throw new MalformedException("varint longer than ten bytes at " + pos);
  }

  long readSignedVarLong() {
    return VarInts.unZigZag(readVarLong());
  }

  /** A non-negative int at most {@code max}. */
  int readVarInt(int max) {
    long v = readVarLong();
    if (v < 0 || v > max) {
      throw new MalformedException("count " + v + " out of range [0, " + max + "] at " + pos);
    }
    return (int) v;
  }

  long readLong() {
    need(8);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (buf[pos++] & 0xFF);
    }
    return v;
  }

  byte[] readBytes(int max) {
    int n = readVarInt(max);
    need(n);
    byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
    pos += n;
    return out;
  }

  /** A string or null, as {@link BinaryWriter#writeString} wrote it. */
  String readString(int max) {
    int n = readVarInt(max + 1);
    if (n == 0) {
      return null;
    }
    need(n - 1);
    String s = new String(buf, pos, n - 1, StandardCharsets.UTF_8);
    pos += n - 1;
    return s;
  }

  /** Fails unless every byte was read. */
  void expectEnd() {
    if (pos != buf.length) {
      throw new MalformedException((buf.length - pos) + " unexpected bytes after the encoding");
    }
  }
}
