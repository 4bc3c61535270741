package io.statekv.client.internal;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between retries: exponential from {@link #BASE_MILLIS} up to {@link #MAX_MILLIS}, with
 * "equal jitter" (half fixed, half random) so that many clients that failed together do not retry
 * together, while each still waits a little.
 */
final class Backoff {
  private Backoff() {}

  static final long BASE_MILLIS = 20;
  static final long MAX_MILLIS = 1_000;

  /** The delay before retry number {@code attempt} (from 1). */
  static long delayMillis(int attempt) {
    long cap = Math.min(MAX_MILLIS, BASE_MILLIS << Math.min(Math.max(attempt - 1, 0), 16));
    long half = cap / 2;
    return half + ThreadLocalRandom.current().nextLong(cap - half + 1);
  }
}
