package io.statekv.chaos.workload;

import io.statekv.chaos.workload.internal.CounterWorkload;
import io.statekv.chaos.workload.internal.ListAppendWorkload;
import io.statekv.chaos.workload.internal.RegisterWorkload;
import io.statekv.chaos.workload.internal.SetWorkload;
import io.statekv.chaos.workload.internal.TtlWorkload;
import java.time.Duration;
import java.util.List;

/**
 * The workloads the harness knows, by name. A watch workload waits for the client to expose
 * watches: its checker judges received change events, which no workload can record yet (the ttl
 * workload checks reads only, for the same reason). Stateless and thread-safe; each call makes a
 * fresh workload.
 */
public final class Workloads {
  /** Every name, in a stable order. */
  public static final List<String> NAMES = List.of("register", "set", "counter", "list-append",
      "ttl");

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
      default -> throw new IllegalArgumentException("unknown workload '" + name + "'; known: "
          + String.join(", ", NAMES));
    };
  }
}
