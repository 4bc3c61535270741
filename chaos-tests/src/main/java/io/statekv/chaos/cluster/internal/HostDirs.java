package io.statekv.chaos.cluster.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/** Host directories bind-mounted into node containers. Stateless and thread-safe. */
public final class HostDirs {
  /** The uid and gid the node runs as inside its image. */
  public static final int NODE_UID = 10001;

  private HostDirs() {}

  /**
   * Creates {@code dir} owned by the node's uid, so that the non-root node can write its data dir.
   * Without root on the host the chown fails, and the dir is made world-writable instead.
   */
  public static void createForNode(Path dir) throws IOException {
    Files.createDirectories(dir);
    try {
      Files.setAttribute(dir, "unix:uid", NODE_UID);
      Files.setAttribute(dir, "unix:gid", NODE_UID);
    } catch (IOException | UnsupportedOperationException e) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    }
  }

  /** Deletes everything inside {@code dir}, keeping {@code dir} itself with its owner. */
  public static void empty(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path visited, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        if (!visited.equals(dir)) {
          Files.delete(visited);
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
