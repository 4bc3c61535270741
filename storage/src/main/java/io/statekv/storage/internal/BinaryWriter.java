package io.statekv.storage.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer with varint, fixed-width and length-prefixed writes. */
final class BinaryWriter {
  private byte[] buf;
  private int size;

  BinaryWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(size + more, buf.length * 2));
    }
  }

  BinaryWriter writeByte(int b) {
    ensure(1);
    buf[size++] = (byte) b;
    return this;
  }

  BinaryWriter writeVarLong(long v) {
    ensure(10);
    size = VarInts.putLong(buf, size, v);
    return this;
  }

  /** A signed value, zig-zag encoded so that small negative numbers stay short. */
  BinaryWriter writeSignedVarLong(long v) {
    return writeVarLong(VarInts.zigZag(v));
  }

  BinaryWriter writeLong(long v) {
    ensure(8);
    for (int i = 7; i >= 0; i--) {
      buf[size++] = (byte) (v >>> (i * 8));
    }
    return this;
  }

  BinaryWriter writeBytes(byte[] b) {
    writeVarLong(b.length);
    ensure(b.length);
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
    return this;
  }

  /** A string or null, as its UTF-8 length plus one (0 for null) and its bytes. */
  BinaryWriter writeString(String s) {
    if (s == null) {
      return writeVarLong(0);
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    writeVarLong(b.length + 1L);
    ensure(b.length);
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
    return this;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  /**
   * Empties the writer for reuse. A buffer that grew past {@code keepMax} bytes is dropped, so
   * that one large write does not pin its buffer for the writer's lifetime.
   */
  BinaryWriter reset(int keepMax) {
    size = 0;
    if (buf.length > keepMax) {
      buf = new byte[Math.max(16, keepMax)];
    }
    return this;
  }
}
