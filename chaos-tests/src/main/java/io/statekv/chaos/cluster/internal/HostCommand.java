package io.statekv.chaos.cluster.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short command on the host, such as {@code nsenter ... iptables}. Thread-safe. */
public final class HostCommand {
  /** The longest a host command may run. */
  public static final long TIMEOUT_SECONDS = 30;

  private HostCommand() {}

  /**
   * Runs {@code command} and returns its output.
   *
   * @throws IOException if it cannot start, runs too long or exits non-zero (with its output)
   */
  public static String run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " ran longer than " + TIMEOUT_SECONDS
            + " s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command, e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " exited with " + process.exitValue()
          + ": " + output.strip());
    }
    return output;
  }
}
