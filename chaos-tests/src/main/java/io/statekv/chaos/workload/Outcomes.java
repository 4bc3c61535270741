package io.statekv.chaos.workload;

import io.statekv.chaos.history.OpType;
import io.statekv.client.StateKvException;

/**
 * Maps a client failure to its history type, following the client's contract: an {@code
 * OutcomeUnknownException} (timeout, session expired, cancelled after send) may have taken
 * effect, so it is {@code info}; every other {@link StateKvException} certainly did not, so it
 * is {@code fail}. A read never takes effect, so any failure of a read is {@code fail}. Anything
 * else thrown (a bug, an unexpected runtime error) is {@code info}: the harness cannot prove it
 * had no effect. Stateless and thread-safe.
 */
public final class Outcomes {
  private Outcomes() {}

  /** The history type of an operation that threw {@code error}. */
  public static OpType classify(Throwable error, boolean readOnly) {
    if (readOnly) {
      return OpType.FAIL;
    }
    if (error instanceof StateKvException e) {
      return e.outcomeUnknown() ? OpType.INFO : OpType.FAIL;
    }
    return OpType.INFO;
  }

  /** A short error text for the history: the wire name of the code, or the exception's class. */
  public static String describe(Throwable error) {
    if (error instanceof StateKvException e) {
      return e.wireName();
    }
    return error.getClass().getSimpleName();
  }
}
