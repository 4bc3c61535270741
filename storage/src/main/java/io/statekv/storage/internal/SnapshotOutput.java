package io.statekv.storage.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * A buffered big-endian writer that keeps a CRC32C of everything written, and hands full buffers
 * to a {@link Sink}: a file for snapshots, a digest for the state hash.
 */
final class SnapshotOutput {
  /** Where the bytes go. */
  interface Sink {
    void write(byte[] bytes, int offset, int length) throws IOException;
  }

  private static final int BUFFER_BYTES = 1 << 20;

  private final Sink sink;
  private final ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES);
  private final CRC32C crc = new CRC32C();
  private long written;

  SnapshotOutput(Sink sink) {
    this.sink = sink;
  }

  private void room(int n) throws IOException {
    if (buf.remaining() < n) {
      flush();
    }
  }

  void writeShort(int v) throws IOException {
    room(2);
    buf.putShort((short) v);
  }

  void writeInt(int v) throws IOException {
    room(4);
    buf.putInt(v);
  }

  void writeLong(long v) throws IOException {
    room(8);
    buf.putLong(v);
  }

  void write(byte[] b) throws IOException {
    int off = 0;
    while (off < b.length) {
      room(1);
      int n = Math.min(buf.remaining(), b.length - off);
      buf.put(b, off, n);
      off += n;
    }
  }

  /** Bytes written so far, buffered or not. */
  long position() {
    return written + buf.position();
  }

  /** The CRC32C of every byte written so far. */
  int crc() throws IOException {
    flush();
    return (int) crc.getValue();
  }

  /** Hands the buffered bytes to the sink. */
  void flush() throws IOException {
    if (buf.position() > 0) {
      crc.update(buf.array(), 0, buf.position());
      sink.write(buf.array(), 0, buf.position());
      written += buf.position();
      buf.clear();
    }
  }
}
