package io.statekv.raft.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a node's data dir, so that two processes (or two replicas in one process)
 * never share one Raft log. The operating system releases it when the process dies.
 */
final class DataDirLock implements AutoCloseable {
  static final String LOCK_FILE = "statekv.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock.
   *
   * @throws IllegalStateException when another process or replica holds it
   */
  static DataDirLock acquire(Path dataDir) {
    Path file = dataDir.resolve(LOCK_FILE);
    FileChannel channel = null;
    try {
      Files.createDirectories(dataDir);
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw held(dataDir, file);
      }
      return new DataDirLock(channel, lock);
    } catch (OverlappingFileLockException e) {
      closeQuietly(channel);
      throw held(dataDir, file);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("could not lock the data dir " + dataDir, e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  private static IllegalStateException held(Path dataDir, Path file) {
    return new IllegalStateException("the data dir " + dataDir + " is in use by another statekv process"
        + " (the lock on " + file + " is held); stop it, or give this node its own data dir");
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing else to release.
      }
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // Closing the channel releases it too.
    }
    closeQuietly(channel);
  }
}
