package io.statekv.bench.load.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

/** Polls a probe until it answers true, with a deadline. */
final class Readiness {
  private static final long POLL_INTERVAL_MS = 200;

  private Readiness() {}

  /**
   * Calls {@code probe} until it returns true; a probe that throws counts as not ready yet.
   *
   * @throws TimeoutException when it was not ready within {@code seconds}, with the last failure
   */
  static void await(int seconds, Callable<Boolean> probe) throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (Boolean.TRUE.equals(probe.call())) {
          return;
        }
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(POLL_INTERVAL_MS);
    }
    TimeoutException timeout = new TimeoutException("the system was not ready within " + seconds + " s");
    if (last != null) {
      timeout.initCause(last);
    }
    throw timeout;
  }
}
