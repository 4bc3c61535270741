package io.statekv.raft.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.ratis.server.RaftServerConfigKeys.Log.CorruptionPolicy;
import org.apache.ratis.server.raftlog.segmented.LogSegment;
import org.apache.ratis.server.raftlog.segmented.LogSegmentPath;
import org.apache.ratis.util.SizeInBytes;

/**
 * Reads Ratis' log segment files ({@code log_<start>-<end>} when closed, {@code
 * log_inprogress_<start>} when open) to learn where the local log starts and ends, before the log
 * is opened.
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

  /**
   * The index of the last entry Ratis will read from the local log, or -1 when it holds none. The
   * segment with the highest start holds the log's end; it is read with Ratis' own reader and
   * corruption policy, so that a torn or truncated tail counts exactly as Ratis will count it when
   * it opens the log, whatever the segment's name claims.
   *
   * @param entryBytesMax the largest entry Ratis reads (its {@code maxOpSize})
   */
  static long lastIndex(Path currentDir, SizeInBytes entryBytesMax) throws IOException {
    if (!Files.isDirectory(currentDir)) {
      return -1;
    }
    LogSegmentPath newest = null;
    long newestStart = -1;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(currentDir)) {
      for (Path p : files) {
        Matcher m = SEGMENT.matcher(p.getFileName().toString());
        LogSegmentPath segment = m.matches() ? LogSegmentPath.matchLogSegment(p) : null;
        if (segment != null && Long.parseLong(m.group(1)) > newestStart) {
          newest = segment;
          newestStart = Long.parseLong(m.group(1));
        }
      }
    }
    if (newest == null) {
      return -1;
    }
    long[] last = {newestStart - 1};
    LogSegment.readSegmentFile(newest.getPath().toFile(), newest.getStartEnd(), entryBytesMax,
        CorruptionPolicy.WARN_AND_RETURN, null, entry -> last[0] = Math.max(last[0], entry.getIndex()));
    return last[0];
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
