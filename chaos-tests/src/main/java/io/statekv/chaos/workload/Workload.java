package io.statekv.chaos.workload;

import io.statekv.chaos.history.History;
import io.statekv.client.StateKvClient;
import java.util.List;
import java.util.Random;

/**
 * A kind of client traffic and the checkers that judge it: it generates operations, performs
 * them through the Java client, and checks the recorded history.
 *
 * <p>Implementations are thread-safe: many client processes call {@link #next} and {@link #apply}
 * at once, each with its own random source and client.
 */
public interface Workload {

  /** The name on the command line, such as {@code register}. */
  String name();

  /** The next operation for a client process during the run. */
  Invocation next(Random random);

  /** Operations run once each after the cluster has healed, such as a final read. */
  List<Invocation> finalOps();

  /**
   * Performs an operation and returns how it ended when the client returned normally: ok with
   * the result, or fail when the operation reported that it did not apply (a cas whose compare
   * failed).
   *
   * @throws io.statekv.client.StateKvException when the client fails; {@link Outcomes} maps it
   */
  Completion apply(StateKvClient client, Invocation op);

  /** Runs this workload's checkers over a history it recorded. */
  List<CheckerVerdict> check(History history);
}
