package io.statekv.node.cli;

import io.statekv.client.StateKvClient;
import io.statekv.node.dev.DevClusterPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every client command shares: where the cluster is, and how long to wait. */
final class ClientOptions {
  static final String ENDPOINTS_ENV = "STATEKV_ENDPOINTS";

  @Option(names = "--endpoints", paramLabel = "HOST:PORT,...",
      description = "Client addresses of one or more nodes (default: $" + ENDPOINTS_ENV + ", else the dev cluster's).")
  String endpoints;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
      description = "How long the command may take in all, retries included (default ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  /** The endpoints: the option, the environment, or the dev cluster's defaults, in that order. */
  List<String> endpointList() {
    String text = endpoints != null ? endpoints : System.getenv(ENDPOINTS_ENV);
    if (text == null || text.isBlank()) {
      DevClusterPlan dev = new DevClusterPlan(DevClusterPlan.NODES_DEFAULT, DevClusterPlan.BASE_PORT_DEFAULT, Path.of("data"));
      text = dev.clientEndpoints();
    }
    return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  StateKvClient connect() {
    if (timeoutSeconds < 1) {
      throw new IllegalArgumentException("--timeout must be at least 1 second");
    }
    return StateKvClient.builder()
        .endpoints(endpointList())
        .requestTimeout(Duration.ofSeconds(timeoutSeconds))
        .clientName("statekv-cli")
        .ioThreads(1)
        .build();
  }
}
