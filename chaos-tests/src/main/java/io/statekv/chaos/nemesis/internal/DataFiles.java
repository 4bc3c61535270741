package io.statekv.chaos.nemesis.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the files of a stopped node's data dir that disk faults damage, in the node's layout:
 * {@code raft/<group id>/current/} holds Ratis' log segments, {@code log_<first>-<last>} when
 * closed and {@code log_inprogress_<first>} when open; {@code raft/<group id>/sm/} holds the
 * snapshots, {@code snapshot.<term>_<index>}, each with an {@code .md5} file beside it; {@code
 * quarantine/} holds what the node refused before and is never read again. The newest segment
 * (highest first index) holds the log's tail; the newest snapshot (highest index) is the one a
 * restart loads first. Stateless.
 */
final class DataFiles {
  private static final Pattern LOG_SEGMENT = Pattern.compile("log_(?:inprogress_)?(\\d+)(?:-\\d+)?");
  private static final Pattern SNAPSHOT = Pattern.compile("snapshot\\.\\d+_(\\d+)");
  /** The directory the node moves refused files to, directly below its data dir. */
  static final String QUARANTINE_DIR = "quarantine";

  private DataFiles() {}

  /** The non-empty Raft log segment with the highest first index. */
  static Optional<Path> newestLogSegment(Path stateDir) throws IOException {
    return newest(stateDir, LOG_SEGMENT);
  }

  /** The non-empty snapshot file (not its MD5 file) with the highest index. */
  static Optional<Path> newestSnapshot(Path stateDir) throws IOException {
    return newest(stateDir, SNAPSHOT);
  }

  private static Optional<Path> newest(Path stateDir, Pattern name) throws IOException {
    if (!Files.isDirectory(stateDir)) {
      return Optional.empty();
    }
    Path quarantine = stateDir.resolve(QUARANTINE_DIR);
    try (Stream<Path> files = Files.walk(stateDir)) {
      return files.filter(p -> !p.startsWith(quarantine)).filter(Files::isRegularFile)
          .filter(p -> name.matcher(p.getFileName().toString()).matches())
          .filter(DataFiles::nonEmpty)
          .max(Comparator.comparingLong((Path p) -> index(p, name)).thenComparing(Path::toString));
    }
  }

  private static long index(Path file, Pattern name) {
    Matcher m = name.matcher(file.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  private static boolean nonEmpty(Path file) {
    try {
      return Files.size(file) > 0;
    } catch (IOException e) {
      return false;
    }
  }
}
