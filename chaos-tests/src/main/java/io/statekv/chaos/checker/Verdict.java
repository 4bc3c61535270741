package io.statekv.chaos.checker;

import java.util.Collection;

/**
 * The outcome of a checker.
 *
 * <p>{@link #UNKNOWN} means the checker could not decide (its budget ran out, or the history holds
 * nothing it can judge); it is never a guess in either direction.
 */
public enum Verdict {
  /** The history is consistent with the property checked. */
  VALID,
  /** The history shows at least one violation. */
  INVALID,
  /** The checker could not decide. */
  UNKNOWN;

  /** Combines the verdicts of independent parts: any invalid part wins, then any unknown one. */
  public static Verdict combine(Collection<Verdict> verdicts) {
    if (verdicts.contains(INVALID)) {
      return INVALID;
    }
    return verdicts.contains(UNKNOWN) ? UNKNOWN : VALID;
  }
}
