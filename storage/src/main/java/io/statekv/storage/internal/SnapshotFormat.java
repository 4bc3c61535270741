package io.statekv.storage.internal;

import io.statekv.storage.ClusterSettings;
import io.statekv.storage.CorruptSnapshotException;
import io.statekv.storage.SnapshotInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The snapshot file format, and the entry point that picks a reader by format version.
 *
 * <p>Version 1, big-endian:
 *
 * <pre>
 * header   magic "SKVSNAP" 0x1A (8 bytes), format version i32,
 *          the state fields of {@link StateEncoding} (72 bytes),
 *          CRC32C of the header bytes before it i32                          (88 bytes in all)
 * body     sessions, then scopes with their entries, as in {@link StateEncoding}
 * trailer  end magic "SKVEND" 0x1A 0x0A (8 bytes), CRC32C of every byte before it i32
 * </pre>
 *
 * <p><b>Versions and migration.</b> Writers always write {@link #FORMAT_VERSION}. Every version
 * that was ever written keeps its reader, and {@link #load} dispatches on the version in the
 * header; a reader of an older version builds the current in-memory state, so migrating is simply
 * loading an old snapshot and writing a new one. A change to the layout, to {@link ResultCodec}
 * or to {@link StateEncoding} needs a new version number and a new reader.
 */
public final class SnapshotFormat {
  private SnapshotFormat() {}

  public static final int FORMAT_VERSION = 1;

  static final byte[] MAGIC = {'S', 'K', 'V', 'S', 'N', 'A', 'P', 0x1A};
  static final byte[] END_MAGIC = {'S', 'K', 'V', 'E', 'N', 'D', 0x1A, 0x0A};

  /** The decoded header. */
  record Header(
      int formatVersion,
      long revision,
      long stamp,
      long entries,
      long sessions,
      long scopes,
      ClusterSettings settings) {

    SnapshotInfo info() {
      return new SnapshotInfo(formatVersion, revision, stamp, entries);
    }
  }

  /** Reads and verifies only the header of a snapshot. */
  public static SnapshotInfo readInfo(Path snapshot) throws IOException {
    try (SnapshotInput in = new SnapshotInput(snapshot)) {
      return readHeader(in).info();
    }
  }

  /** Loads a snapshot with the reader of its version. */
  static ChronicleStateStore load(Path snapshot) throws IOException {
    try (SnapshotInput in = new SnapshotInput(snapshot)) {
      Header h = readHeader(in);
      return SnapshotReaderV1.read(in, h);
    }
  }

  /** Reads the magic, the version and the header, and verifies the header checksum. */
  static Header readHeader(SnapshotInput in) throws IOException {
    byte[] magic = new byte[MAGIC.length];
    in.readFully(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new CorruptSnapshotException("not a statekv snapshot: bad magic " + printable(magic));
    }
    int version = in.readInt();
    if (version != FORMAT_VERSION) {
      throw new CorruptSnapshotException(
          "unsupported snapshot format version " + version + "; this build reads version " + FORMAT_VERSION);
    }
    long revision = in.readLong();
    long stamp = in.readLong();
    long entries = in.readLong();
    long sessions = in.readLong();
    long scopes = in.readLong();
    int valueBytesMax = in.readInt();
    long entriesMax = in.readLong();
    long stateBytesMax = in.readLong();
    int sessionsMax = in.readInt();
    long sessionTtlMillis = in.readLong();
    int computed = in.crc();
    int stored = in.readInt();
    if (computed != stored) {
      throw new CorruptSnapshotException("snapshot header checksum mismatch: the header is damaged");
    }
    if (revision < 0 || entries < 0 || sessions < 0 || scopes < 0 || scopes > entries) {
      throw new CorruptSnapshotException("snapshot header holds impossible counts");
    }
    ClusterSettings settings;
    try {
      settings = new ClusterSettings(valueBytesMax, entriesMax, stateBytesMax, sessionsMax, sessionTtlMillis);
    } catch (IllegalArgumentException e) {
      throw new CorruptSnapshotException("snapshot header holds invalid settings: " + e.getMessage());
    }
    return new Header(version, revision, stamp, entries, sessions, scopes, settings);
  }

  private static String printable(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1).replaceAll("[^\\x20-\\x7E]", "?");
  }
}
