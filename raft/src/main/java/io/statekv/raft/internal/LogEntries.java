package io.statekv.raft.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import io.statekv.protocol.v1.LogEntry;
import java.nio.ByteBuffer;

/**
 * Encodes and decodes the Raft log entry format ({@code statekv.v1.LogEntry}).
 *
 * <p>A decoding failure is not bad input: every entry in the log was encoded by a leader of this
 * cluster, and Ratis checksums the log. An entry that cannot be read, or that carries a newer
 * format version, therefore stops the state machine rather than being misread, so that a replica
 * never diverges silently. Stateless and thread-safe.
 */
final class LogEntries {
  private LogEntries() {}

  /** The format version this code writes and reads. */
  static final int FORMAT_VERSION = 1;

  static byte[] encode(LogEntry entry) {
    if (entry.getFormatVersion() != FORMAT_VERSION) {
      throw new IllegalArgumentException("entries are written with format version " + FORMAT_VERSION);
    }
    return entry.toByteArray();
  }

  /**
   * Decodes one entry.
   *
   * @throws UnreadableEntryException if the bytes are not an entry of a known format version
   */
  static LogEntry decode(long index, ByteBuffer bytes) {
    LogEntry entry;
    try {
      entry = LogEntry.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new UnreadableEntryException("log entry " + index + " is not a LogEntry: " + e.getMessage(), e);
    }
    if (entry.getFormatVersion() != FORMAT_VERSION) {
      throw new UnreadableEntryException(
          "log entry " + index + " has format version " + entry.getFormatVersion()
              + "; this replica reads only version " + FORMAT_VERSION + " and stops rather than misread it",
          null);
    }
    return entry;
  }

  /** A log entry that this replica cannot apply; the state machine stops on it. */
  static final class UnreadableEntryException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    UnreadableEntryException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
