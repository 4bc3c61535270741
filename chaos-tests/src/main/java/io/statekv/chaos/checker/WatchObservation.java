package io.statekv.chaos.checker;

import java.util.Objects;

/**
 * A watcher's log and how its watch ended. Immutable.
 *
 * @param log what it received
 * @param error why the watch ended before it was cancelled, or null if it ran until cancelled
 * @param compacted true when it ended because no node still held the revisions it needed next,
 *     which the watch contract allows
 */
public record WatchObservation(WatcherLog log, String error, boolean compacted) {
  public WatchObservation {
    Objects.requireNonNull(log, "log");
    if (compacted && error == null) {
      throw new IllegalArgumentException("a compacted watch ended with an error");
    }
  }

  /** A watch that ran until it was cancelled. */
  public static WatchObservation ran(WatcherLog log) {
    return new WatchObservation(log, null, false);
  }
}
