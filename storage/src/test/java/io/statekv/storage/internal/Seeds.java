package io.statekv.storage.internal;

import java.util.Random;
import java.util.function.Consumer;

/**
 * Seeded randomness for property tests. Each run draws a fresh seed unless the system property
 * {@code statekv.test.seed} replays one; a failure names the seed so that it can be replayed with
 * {@code -Dstatekv.test.seed=<seed>}.
 */
final class Seeds {
  static final String PROPERTY = "statekv.test.seed";

  private Seeds() {}

  /** The seed to use: the replayed one, or a new one from the system's entropy. */
  static long seed() {
    String replay = System.getProperty(PROPERTY);
    return replay != null && !replay.isBlank() ? Long.parseLong(replay.trim()) : new Random().nextLong();
  }

  /** Runs {@code trials} trials from one seed, and names the seed if any of them fails. */
  static void run(int trials, Consumer<Random> trial) {
    long seed = seed();
    Random random = new Random(seed);
    for (int i = 0; i < trials; i++) {
      try {
        trial.accept(random);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            "trial " + i + " failed; replay with -D" + PROPERTY + "=" + seed + ": " + e.getMessage(), e);
      }
    }
  }
}
