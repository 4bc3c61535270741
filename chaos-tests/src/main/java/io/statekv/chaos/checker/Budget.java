package io.statekv.chaos.checker;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * How much a search may spend before it gives up with {@link Verdict#UNKNOWN}: time, remembered
 * states (memory), and a way to cancel it from outside. Immutable; the clock and the cancellation
 * check must be thread-safe if the budget is shared.
 *
 * @param timeLimit the longest a check may run; the search polls it every thousand steps or so,
 *     so {@link Duration#ZERO} still lets a small check finish
 * @param statesMax the most (linearized set, state) pairs a search may remember at once
 * @param cancelled polled with the time limit; when it returns true the check gives up
 * @param nanoClock a monotonic clock in nanoseconds, {@code System::nanoTime} outside tests
 */
public record Budget(Duration timeLimit, long statesMax, BooleanSupplier cancelled,
    LongSupplier nanoClock) {

  /** The limit used when none is given: long enough for any history of a normal chaos run. */
  public static final Duration TIME_LIMIT_DEFAULT = Duration.ofMinutes(5);

  /** Remembered states allowed by default: a few hundred MiB of heap at most. */
  public static final long STATES_MAX_DEFAULT = 2_000_000;

  public Budget {
    Objects.requireNonNull(timeLimit, "timeLimit");
    Objects.requireNonNull(cancelled, "cancelled");
    Objects.requireNonNull(nanoClock, "nanoClock");
    if (timeLimit.isNegative()) {
      throw new IllegalArgumentException("time limit must not be negative: " + timeLimit);
    }
    if (statesMax < 1) {
      throw new IllegalArgumentException("states max must be at least 1, got " + statesMax);
    }
  }

  /** A budget of {@code timeLimit} on the system clock, with the default state limit. */
  public static Budget of(Duration timeLimit) {
    return new Budget(timeLimit, STATES_MAX_DEFAULT, () -> false, System::nanoTime);
  }

  /** The default budget. */
  public static Budget defaults() {
    return of(TIME_LIMIT_DEFAULT);
  }

  /** This budget, also cancelled when {@code check} returns true. */
  public Budget withCancellation(BooleanSupplier check) {
    BooleanSupplier previous = cancelled;
    return new Budget(timeLimit, statesMax,
        () -> previous.getAsBoolean() || check.getAsBoolean(), nanoClock);
  }

  /** This budget with another state limit. */
  public Budget withStatesMax(long newStatesMax) {
    return new Budget(timeLimit, newStatesMax, cancelled, nanoClock);
  }

  /** This budget on another clock, for tests. */
  public Budget withClock(LongSupplier newNanoClock) {
    return new Budget(timeLimit, statesMax, cancelled, newNanoClock);
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
