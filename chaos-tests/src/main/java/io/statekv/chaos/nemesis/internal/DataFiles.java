package io.statekv.chaos.nemesis.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the files of a stopped node's data dir that disk faults damage. Ratis names its log
 * segments {@code log_inprogress_<first>} and {@code log_<first>-<last>}; the state machine's
 * snapshot files carry {@code snapshot} in their names. The newest one (by modification time) is
 * the one a restart reads first. Stateless.
 */
final class DataFiles {
  private static final Pattern LOG_SEGMENT = Pattern.compile("log_(inprogress_\\d+|\\d+-\\d+)");

  private DataFiles() {}

  /** The newest Raft log segment with at least one byte. */
  static Optional<Path> newestLogSegment(Path stateDir) throws IOException {
    return newest(stateDir, p -> LOG_SEGMENT.matcher(p.getFileName().toString()).matches());
  }

  /** The newest snapshot file with at least one byte. */
  static Optional<Path> newestSnapshot(Path stateDir) throws IOException {
    return newest(stateDir, p -> p.getFileName().toString().contains("snapshot"));
  }

  private static Optional<Path> newest(Path dir, java.util.function.Predicate<Path> match)
      throws IOException {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).filter(match).filter(DataFiles::nonEmpty)
          .max(Comparator.comparing(DataFiles::modified).thenComparing(Path::toString));
    }
  }

  private static boolean nonEmpty(Path file) {
    try {
      return Files.size(file) > 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }
}
