package io.statekv.node.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Process-wide logging set-up: the root level, and java.util.logging routed into SLF4J. */
final class Logging {
  private Logging() {}

  /**
   * Sets the root level and bridges java.util.logging (used by Ratis' shaded gRPC) to SLF4J, so
   * that every library logs through one pattern to stderr. Call once, early.
   */
  static void configure(String level) {
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(level, Level.INFO));
  }
}
