package io.statekv.storage.internal;

import io.statekv.storage.CorruptSnapshotException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * A buffered big-endian reader of a snapshot file that keeps a CRC32C of every byte consumed and
 * turns a short read into {@link CorruptSnapshotException}.
 */
final class SnapshotInput implements Closeable {
  private static final int BUFFER_BYTES = 1 << 20;

  private final FileChannel channel;
  private final long fileSize;
  private final ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES);
  private final CRC32C crc = new CRC32C();
  private int crcFrom;
  private long consumedBefore;

  SnapshotInput(Path path) throws IOException {
    this.channel = FileChannel.open(path, StandardOpenOption.READ);
    this.fileSize = channel.size();
    buf.limit(0);
  }

  long fileSize() {
    return fileSize;
  }

  /** Bytes consumed so far. */
  long position() {
    return consumedBefore + buf.position();
  }

  private void need(int n) throws IOException {
    if (buf.remaining() >= n) {
      return;
    }
    crc.update(buf.array(), crcFrom, buf.position() - crcFrom);
    consumedBefore += buf.position();
    buf.compact();
    while (buf.position() < n) {
      if (channel.read(buf) < 0) {
        throw new CorruptSnapshotException(
            "snapshot is truncated: needed " + n + " more bytes at offset " + position() + " of " + fileSize);
      }
    }
    buf.flip();
    crcFrom = 0;
  }

  int readShort() throws IOException {
    need(2);
    return buf.getShort() & 0xFFFF;
  }

  int readInt() throws IOException {
    need(4);
    return buf.getInt();
  }

  long readLong() throws IOException {
    need(8);
    return buf.getLong();
  }

  void readFully(byte[] dst) throws IOException {
    int off = 0;
    while (off < dst.length) {
      need(1);
      int n = Math.min(buf.remaining(), dst.length - off);
      buf.get(dst, off, n);
      off += n;
    }
  }

  /** The CRC32C of every byte consumed so far. */
  int crc() {
    crc.update(buf.array(), crcFrom, buf.position() - crcFrom);
    crcFrom = buf.position();
    return (int) crc.getValue();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
