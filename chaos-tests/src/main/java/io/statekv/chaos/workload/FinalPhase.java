package io.statekv.chaos.workload;

import io.statekv.chaos.history.OpType;
import io.statekv.client.StateKvClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a workload's final operations once the cluster has healed, each retried (as a new
 * operation, by a new process) until it succeeds or the deadline passes. Runs on the caller's
 * thread.
 */
public final class FinalPhase {
  /** Final processes are numbered from here, far above any worker's process ids. */
  public static final long PROCESS_BASE = 1L << 40;

  private FinalPhase() {}

  /**
   * Runs every final op; returns the ones that never succeeded, in words.
   *
   * @param processes a process helper sharing the run's recorder and workload
   */
  public static List<String> run(Workload workload, ClientProcesses processes,
      StateKvClient client, Duration timeout) {
    List<String> unfinished = new ArrayList<>();
    long process = PROCESS_BASE;
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Invocation op : workload.finalOps()) {
      OpType ended;
      do {
        ended = processes.perform(client, process++, op);
      } while (ended != OpType.OK && System.nanoTime() - deadline < 0);
      if (ended != OpType.OK) {
        unfinished.add("final " + op.f() + " did not succeed within " + timeout.toSeconds()
            + " s");
      }
    }
    return unfinished;
  }
}
