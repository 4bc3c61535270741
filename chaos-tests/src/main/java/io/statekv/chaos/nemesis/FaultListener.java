package io.statekv.chaos.nemesis;

/**
 * Learns when faults start and end, to record them in the history and the report. Called from
 * the nemesis thread; implementations must be thread-safe.
 */
public interface FaultListener {
  /** A fault was injected; {@code window} is open. */
  void started(FaultWindow window);

  /** A fault was healed; {@code window} is closed. */
  void ended(FaultWindow window);
}
