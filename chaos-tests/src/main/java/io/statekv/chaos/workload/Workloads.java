package io.statekv.chaos.workload;

import io.statekv.chaos.workload.internal.CounterWorkload;
import io.statekv.chaos.workload.internal.ListAppendWorkload;
import io.statekv.chaos.workload.internal.RegisterWorkload;
import io.statekv.chaos.workload.internal.SetWorkload;
import io.statekv.chaos.workload.internal.TtlWorkload;
import io.statekv.chaos.workload.internal.WatchWorkload;
import java.time.Duration;
import java.util.List;

/**
 * The workloads the harness knows, by name. Stateless and thread-safe; each call makes a fresh
 * workload, which serves one run (the watch and ttl workloads keep what their watchers saw).
 */
public final class Workloads {
  /** Every name, in a stable order. */
  public static final List<String> NAMES = List.of("register", "set", "counter", "list-append",
      "ttl", "watch");

  private Workloads() {}

  /**
   * A new workload.
   *
   * @param checkTimeLimit how long the linearizability search may run before it answers unknown
   * @throws IllegalArgumentException naming an unknown workload and listing the known ones
   */
  public static Workload create(String name, Duration checkTimeLimit) {
    return switch (name) {
      case "register" -> new RegisterWorkload(checkTimeLimit);
      case "set" -> new SetWorkload();
      case "counter" -> new CounterWorkload();
      case "list-append" -> new ListAppendWorkload();
      case "ttl" -> new TtlWorkload();
      case "watch" -> new WatchWorkload();
      default -> throw new IllegalArgumentException("unknown workload '" + name + "'; known: "
          + String.join(", ", NAMES));
    };
  }
}
