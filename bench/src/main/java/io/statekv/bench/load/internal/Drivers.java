package io.statekv.bench.load.internal;

import io.statekv.bench.load.Driver;
import io.statekv.bench.load.KeySpace;
import java.time.Duration;
import java.util.List;

/** Opens the driver of a system by its name. */
public final class Drivers {
  public static final List<String> SYSTEMS = List.of("statekv", "etcd");

  private Drivers() {}

  /**
   * @param readFromFollowers statekv only: send reads to every member rather than the leader
   * @throws IllegalArgumentException for an unknown system
   */
  public static Driver open(String system, List<String> endpoints, KeySpace space, boolean readFromFollowers, Duration requestTimeout) {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("at least one endpoint is needed");
    }
    return switch (system) {
      case "statekv" -> new StateKvDriver(endpoints, space, readFromFollowers, requestTimeout);
      case "etcd" -> new EtcdDriver(endpoints, space, requestTimeout);
      default -> throw new IllegalArgumentException("unknown system '" + system + "'; expected one of " + SYSTEMS);
    };
  }
}
