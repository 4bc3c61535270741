package io.statekv.bench.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lowers the scheduling priority of the threads that call {@link #apply}, once per thread, with
 * {@code renice} on the thread's Linux id. The benchmark uses it for the watchers' I/O threads:
 * on one 2-core machine they compete with the cluster for the same cores, where a deployment would
 * run its watchers on other machines. Thread-safe.
 */
final class ThreadNice {
  private final int nice;
  private final ThreadLocal<Boolean> applied = ThreadLocal.withInitial(() -> false);
  private final AtomicBoolean warned = new AtomicBoolean();

  /** @param nice the niceness to give (1 to 19), or 0 to leave every thread as it is */
  ThreadNice(int nice) {
    if (nice < 0 || nice > 19) {
      throw new IllegalArgumentException("a niceness from 0 to 19 is needed: " + nice);
    }
    this.nice = nice;
  }

  /** Gives the calling thread the niceness, the first time it calls. */
  void apply() {
    if (nice == 0 || applied.get()) {
      return;
    }
    applied.set(true);
    try {
      // "/proc/thread-self" links to "<pid>/task/<tid>".
      String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
      Process renice = new ProcessBuilder("renice", "-n", Integer.toString(nice), "-p", tid)
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!renice.waitFor(10, TimeUnit.SECONDS) || renice.exitValue() != 0) {
        warnOnce("renice of thread " + tid + " failed");
      }
    } catch (IOException e) {
      warnOnce("renice failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void warnOnce(String message) {
    if (warned.compareAndSet(false, true)) {
      System.err.println("watch-bench: " + message + "; the watchers run at the normal priority");
    }
  }
}
