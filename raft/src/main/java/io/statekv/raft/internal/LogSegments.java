package io.statekv.raft.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the names of Ratis' log segment files ({@code log_<start>-<end>} when closed, {@code
 * log_inprogress_<start>} when open) to learn where the local log starts, before the log is opened.
 */
final class LogSegments {
  private LogSegments() {}

  private static final Pattern SEGMENT = Pattern.compile("log_(?:inprogress_)?(\\d+)(?:-\\d+)?(?:\\..*)?");

  /** The lowest start index among the segments in {@code currentDir}, or -1 when there are none. */
  static long firstIndex(Path currentDir) throws IOException {
    if (!Files.isDirectory(currentDir)) {
      return -1;
    }
    long first = -1;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(currentDir)) {
      for (Path p : files) {
        Matcher m = SEGMENT.matcher(p.getFileName().toString());
        if (m.matches()) {
          long start = Long.parseLong(m.group(1));
          first = first < 0 ? start : Math.min(first, start);
        }
      }
    }
    return first;
  }

  /** Moves every segment file into {@code target}, keeping the term and vote files in place. */
  static int moveAside(Path currentDir, Path target) throws IOException {
    Files.createDirectories(target);
    int moved = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(currentDir)) {
      for (Path p : files) {
        if (SEGMENT.matcher(p.getFileName().toString()).matches()) {
          Files.move(p, target.resolve(p.getFileName()), StandardCopyOption.ATOMIC_MOVE);
          moved++;
        }
      }
    }
    return moved;
  }
}
