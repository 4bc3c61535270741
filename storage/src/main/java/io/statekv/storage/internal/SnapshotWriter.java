package io.statekv.storage.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a snapshot crash-safely: the state is streamed to a temporary file in the target's
 * directory, the file is fsynced, atomically renamed over the target, and the directory is
 * fsynced so that the rename itself survives a crash. On any failure the temporary file is
 * removed and the target is left as it was.
 */
final class SnapshotWriter {
  private SnapshotWriter() {}

  static void write(StateView v, Path target) throws IOException {
    write(v, target, Long.MAX_VALUE);
  }

  /**
   * Like {@link #write(StateView, Path)}, failing with an I/O error once {@code failAfterBytes}
   * bytes have gone to the file, so that tests can see what a failed write leaves behind.
   */
  static void write(StateView v, Path target, long failAfterBytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, target.getFileName().toString() + ".", ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        long[] written = {0};
        SnapshotOutput out =
            new SnapshotOutput(
                (b, off, len) -> {
                  if (written[0] + len > failAfterBytes) {
                    throw new IOException("injected write failure after " + failAfterBytes + " bytes");
                  }
                  writeFully(ch, ByteBuffer.wrap(b, off, len));
                  written[0] += len;
                });
        writeContent(out, v);
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException | Error e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  private static void writeContent(SnapshotOutput out, StateView v) throws IOException {
    out.write(SnapshotFormat.MAGIC);
    out.writeInt(SnapshotFormat.FORMAT_VERSION);
    StateEncoding.writeStateFields(out, v);
    out.writeInt(out.crc());
    StateEncoding.writeSessions(out, v.sessions());
    StateEncoding.writeScopes(out, v.stored());
    out.write(SnapshotFormat.END_MAGIC);
    out.writeInt(out.crc());
    out.flush();
  }

  private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }
}
