package io.statekv.bench.load;

/** How an acknowledged operation ended. Failures are exceptions, not outcomes. */
public enum Outcome {
  /** The operation took effect (a write) or answered (a read). */
  OK,
  /** A compare-and-set found the key changed since it was read, and wrote nothing. */
  CONFLICT
}
