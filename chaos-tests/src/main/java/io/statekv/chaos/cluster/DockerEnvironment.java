package io.statekv.chaos.cluster;

import java.util.Map;

/**
 * The settings that keep Testcontainers from pulling any image. Ryuk, its start-up checks and its
 * host probe each run a container from a registry image; Testcontainers reads the switches that
 * turn them off from the environment only, so a process must be started with them. Docker's API
 * version is a system property, which {@link #applyDefaults()} can still set. Stateless.
 */
public final class DockerEnvironment {
  /** Every variable and the value it must have. */
  public static final Map<String, String> REQUIRED = Map.of(
      "TESTCONTAINERS_RYUK_DISABLED", "true",
      "TESTCONTAINERS_CHECKS_DISABLE", "true",
      "TESTCONTAINERS_HOST_OVERRIDE", "localhost");
  /** The API version of Debian's Docker 20.10, which does not negotiate with docker-java. */
  public static final String API_VERSION = "1.41";

  private DockerEnvironment() {}

  /**
   * What is missing from {@code environment}, as a message with the command that fixes it, or
   * null when nothing is.
   */
  public static String problem(Map<String, String> environment) {
    StringBuilder missing = new StringBuilder();
    REQUIRED.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      if (!e.getValue().equals(environment.get(e.getKey()))) {
        missing.append(' ').append(e.getKey()).append('=').append(e.getValue());
      }
    });
    if (missing.length() == 0) {
      return null;
    }
    return "Testcontainers would pull images without these environment variables; run with:"
        + " export" + missing;
  }

  /** Sets {@code api.version} unless it is set already. */
  public static void applyDefaults() {
    if (System.getProperty("api.version") == null) {
      System.setProperty("api.version", API_VERSION);
    }
  }
}
