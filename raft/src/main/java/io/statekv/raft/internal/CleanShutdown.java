package io.statekv.raft.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record a replica leaves when it stops cleanly: the last log index it had made durable, and
 * therefore may have acknowledged. At the next start the record is read and removed; a local log
 * (with its snapshot) that ends before it lost entries it acknowledged, which the
 * {@link RecoveryGate} must know. After a crash there is no record: a torn final entry then is the
 * write that was cut short, never acknowledged, and nothing is lost.
 *
 * <p>Written to a temporary file, forced, and renamed over the old one, so that it is whole or absent.
 */
final class CleanShutdown {
  private static final Logger LOG = LoggerFactory.getLogger(CleanShutdown.class);

  static final String FILE = "clean-shutdown";
  private static final String KEY = "durable_log_index=";

  private CleanShutdown() {}

  /** Records that the replica stopped with its log durable up to {@code durableIndex}. */
  static void write(Path dataDir, long durableIndex) throws IOException {
    Path target = dataDir.resolve(FILE);
    Path tmp = dataDir.resolve(FILE + ".tmp");
    byte[] body = (KEY + durableIndex + "\n").getBytes(StandardCharsets.US_ASCII);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(java.nio.ByteBuffer.wrap(body));
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    forceDirectory(dataDir);
  }

  /**
   * The durable index the last clean stop recorded, or empty after a crash (or an unreadable
   * record); the record is removed, so that a later crash is not taken for a clean stop.
   */
  static OptionalLong consume(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE);
    if (!Files.exists(file)) {
      return OptionalLong.empty();
    }
    OptionalLong index = parse(Files.readString(file, StandardCharsets.US_ASCII));
    if (index.isEmpty()) {
      LOG.warn("ignoring an unreadable clean-shutdown record {}", file);
    }
    Files.delete(file);
    forceDirectory(dataDir);
    return index;
  }

  static OptionalLong parse(String text) {
    String line = text.strip();
    if (!line.startsWith(KEY)) {
      return OptionalLong.empty();
    }
    try {
      long value = Long.parseLong(line.substring(KEY.length()));
      return value < 0 ? OptionalLong.empty() : OptionalLong.of(value);
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static void forceDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
