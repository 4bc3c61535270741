package io.statekv.chaos.workload;

import io.statekv.chaos.history.History;
import io.statekv.client.StateKvClient;
import java.time.Duration;
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

  /**
   * Starts what observes the cluster beside the client processes, such as watchers, just before
   * the traffic starts. The default observes nothing. Called once, by the run's thread.
   */
  default void startObservers(ObserverContext context) {}

  /**
   * Once the cluster has healed and the final operations ran: brings the observers up to date
   * with the cluster, stops them and closes their clients. Returns what went wrong, in words (a
   * watcher that could not catch up is judged by the checkers, not reported here). Called once,
   * by the run's thread, also when the run failed; the default does nothing.
   *
   * @param client a client of the run, for final reads
   * @param timeout how long catching up may take
   */
  default List<String> stopObservers(StateKvClient client, Duration timeout) {
    return List.of();
  }

  /** Runs this workload's checkers over a history it recorded, and what its observers saw. */
  List<CheckerVerdict> check(History history);
}
