package io.statekv.chaos.workload;

import io.statekv.client.StateKvClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * What a workload's observers (its watchers) get from the run: their own clients, the history's
 * clock, the length of the traffic and the run folder. Immutable.
 *
 * @param clients makes the client of observer i; the workload closes the clients it makes
 * @param clock nanoseconds on the history's clock ({@link HistoryRecorder#now()})
 * @param timeLimit how long the traffic runs
 * @param folder the run folder, for the observers' own records
 */
public record ObserverContext(IntFunction<StateKvClient> clients, LongSupplier clock,
    Duration timeLimit, Path folder) {
  public ObserverContext {
    Objects.requireNonNull(clients, "clients");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(timeLimit, "timeLimit");
    Objects.requireNonNull(folder, "folder");
  }
}
