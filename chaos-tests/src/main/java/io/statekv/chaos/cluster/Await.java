package io.statekv.chaos.cluster;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Polls a condition until it holds or a deadline passes. The harness never sleeps to let
 * something happen: it waits for the observable fact with a deadline. Stateless and thread-safe.
 */
public final class Await {
  /** The pause between two polls; short against every deadline the harness uses. */
  public static final Duration POLL_INTERVAL = Duration.ofMillis(100);

  private Await() {}

  /**
   * Polls {@code probe} until it returns a value.
   *
   * @param what the condition, in words, for the error message
   * @param timeout how long to keep polling
   * @param probe returns the value once the condition holds, empty before; exceptions count as
   *     "not yet" and the last one is attached to the timeout
   * @throws AwaitTimeoutException when the deadline passes
   */
  public static <T> T until(String what, Duration timeout, Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    RuntimeException last = null;
    while (true) {
      try {
        Optional<T> value = probe.get();
        if (value.isPresent()) {
          return value.get();
        }
      } catch (RuntimeException e) {
        last = e;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new AwaitTimeoutException(what, timeout, last);
      }
      pause();
    }
  }

  /** Polls a boolean condition; see {@link #until(String, Duration, Supplier)}. */
  public static void condition(String what, Duration timeout, Supplier<Boolean> condition) {
    until(what, timeout, () -> condition.get() ? Optional.of(Boolean.TRUE) : Optional.empty());
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_INTERVAL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    }
  }

  /** A condition did not hold before its deadline. */
  public static final class AwaitTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AwaitTimeoutException(String what, Duration timeout, RuntimeException last) {
      super("timed out after " + timeout.toMillis() + " ms waiting for " + what
          + (last == null ? "" : "; last error: " + last), last);
    }
  }
}
