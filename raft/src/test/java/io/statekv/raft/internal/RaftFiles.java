package io.statekv.raft.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A stopped test node's Raft files: its group directory, its newest log segment, where its bytes end. */
final class RaftFiles {
  private RaftFiles() {}

  static Path groupDir(TestCluster cluster, String id) throws IOException {
    try (Stream<Path> dirs = Files.list(cluster.root.resolve(id).resolve("raft"))) {
      return dirs.filter(Files::isDirectory).findFirst().orElseThrow();
    }
  }

  /** The segment with the highest first index in a group's {@code current} directory. */
  static Path newestSegment(Path current) throws IOException {
    try (Stream<Path> files = Files.list(current)) {
      return files.filter(p -> p.getFileName().toString().startsWith("log_"))
          .max(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().replaceAll("^log_(inprogress_)?(\\d+).*", "$2"))))
          .orElseThrow();
    }
  }

  /** The length of a segment without its preallocated trailing zeros. */
  static long writtenEnd(RandomAccessFile f) throws IOException {
    long end = f.length();
    while (end > 0) {
      f.seek(end - 1);
      if (f.read() != 0) {
        break;
      }
      end--;
    }
    return end;
  }
}
