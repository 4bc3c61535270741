package io.statekv.node.wire;

import io.statekv.storage.Limits;
import java.time.Duration;

/**
 * Node-local settings of the client protocol server.
 *
 * @param host the address to bind, such as {@code 0.0.0.0}
 * @param port the port to bind; 0 picks a free one
 * @param frameBytesMax the longest frame accepted; a longer one is answered {@code
 *     request_too_large} and the connection closed. It should be the dispatcher's {@code
 *     request_bytes_max} plus {@link #ENVELOPE_BYTES_MARGIN}, so that a request just within the
 *     limit gets the dispatcher's precise answer rather than a closed connection.
 * @param inFlightHighWater requests of one connection being served at most; above it the server
 *     stops reading from the connection
 * @param inFlightLowWater the server reads again once a paused connection is down to this many
 * @param idleTimeout a connection with nothing in flight and no traffic for this long is closed
 * @param shutdownGrace how long {@link ProtocolServer#close()} waits for requests in flight
 * @param ioThreads event loop threads; 0 lets Netty choose (twice the cores)
 */
public record ProtocolServerConfig(
    String host,
    int port,
    int frameBytesMax,
    int inFlightHighWater,
    int inFlightLowWater,
    Duration idleTimeout,
    Duration shutdownGrace,
    int ioThreads) {

  /** Room for the envelope around the largest request: ids, session numbers and field tags. */
  public static final int ENVELOPE_BYTES_MARGIN = 64 << 10;
  public static final int FRAME_BYTES_MAX_DEFAULT = Limits.REQUEST_BYTES_MAX + ENVELOPE_BYTES_MARGIN;
  public static final int IN_FLIGHT_HIGH_WATER_DEFAULT = 1_024;
  public static final int IN_FLIGHT_LOW_WATER_DEFAULT = 512;
  public static final Duration IDLE_TIMEOUT_DEFAULT = Duration.ofMinutes(5);
  public static final Duration SHUTDOWN_GRACE_DEFAULT = Duration.ofSeconds(5);

  public ProtocolServerConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be within [0, 65535]: " + port);
    }
    if (frameBytesMax < 1024) {
      throw new IllegalArgumentException("frame_bytes_max must be at least 1024: " + frameBytesMax);
    }
    if (inFlightLowWater < 0 || inFlightHighWater <= inFlightLowWater) {
      throw new IllegalArgumentException("in-flight water marks need 0 <= low < high: " + inFlightLowWater + ", " + inFlightHighWater);
    }
    if (idleTimeout.toMillis() < 1 || shutdownGrace.isNegative() || ioThreads < 0) {
      throw new IllegalArgumentException("idle timeout must be positive, shutdown grace and io threads not negative");
    }
  }

  /** The defaults, bound to {@code host:port}. */
  public static ProtocolServerConfig defaults(String host, int port) {
    return new ProtocolServerConfig(
        host, port, FRAME_BYTES_MAX_DEFAULT, IN_FLIGHT_HIGH_WATER_DEFAULT, IN_FLIGHT_LOW_WATER_DEFAULT,
        IDLE_TIMEOUT_DEFAULT, SHUTDOWN_GRACE_DEFAULT, 0);
  }
}
