package io.statekv.chaos.checker;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * How long a search may run before it gives up with {@link Verdict#UNKNOWN}, and a way to cancel
 * it from outside. Immutable; the clock and the cancellation check must be thread-safe if the
 * budget is shared.
 *
 * @param timeLimit the longest a check may run; {@link Duration#ZERO} gives up at once
 * @param cancelled polled now and then; when it returns true the check gives up
 * @param nanoClock a monotonic clock in nanoseconds, {@code System::nanoTime} outside tests
 */
public record Budget(Duration timeLimit, BooleanSupplier cancelled, LongSupplier nanoClock) {

  /** The limit used when none is given: long enough for any history of a normal chaos run. */
  public static final Duration TIME_LIMIT_DEFAULT = Duration.ofMinutes(5);

  public Budget {
    Objects.requireNonNull(timeLimit, "timeLimit");
    Objects.requireNonNull(cancelled, "cancelled");
    Objects.requireNonNull(nanoClock, "nanoClock");
    if (timeLimit.isNegative()) {
      throw new IllegalArgumentException("time limit must not be negative: " + timeLimit);
    }
  }

  /** A budget of {@code timeLimit} on the system clock, never cancelled. */
  public static Budget of(Duration timeLimit) {
    return new Budget(timeLimit, () -> false, System::nanoTime);
  }

  /** The default budget. */
  public static Budget defaults() {
    return of(TIME_LIMIT_DEFAULT);
  }

  /** This budget, also cancelled when {@code check} returns true. */
  public Budget withCancellation(BooleanSupplier check) {
    BooleanSupplier previous = cancelled;
    return new Budget(timeLimit, () -> previous.getAsBoolean() || check.getAsBoolean(), nanoClock);
  }

  /** Starts the clock: the returned deadline expires {@code timeLimit} from now. */
  public Deadline start() {
    long limit = saturatedNanos(timeLimit);
    long startedAt = nanoClock.getAsLong();
    return () -> nanoClock.getAsLong() - startedAt >= limit || cancelled.getAsBoolean();
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** A started budget. */
  @FunctionalInterface
  public interface Deadline {
    /** True once the time is up or the check was cancelled. */
    boolean expired();
  }
}
