package io.statekv.client.internal;

import java.time.Duration;
import java.util.List;

/** The validated, immutable options of a client; see {@code StateKvClient.Builder} for their meaning. */
public record ClientOptions(
    List<HostPort> endpoints,
    Duration requestTimeout,
    Duration connectTimeout,
    int maxInFlight,
    int maxAttempts,
    boolean readFromFollowers,
    String bearerToken,
    String clientName,
    int ioThreads,
    int requestBytesMax) {

  public static final Duration REQUEST_TIMEOUT_DEFAULT = Duration.ofSeconds(10);
  public static final Duration CONNECT_TIMEOUT_DEFAULT = Duration.ofSeconds(3);
  public static final int IN_FLIGHT_MAX_DEFAULT = 256;
  /** The cluster keeps this many cached answers per session, so more writes in flight could outrun it. */
  public static final int IN_FLIGHT_MAX_CEILING = 1_024;
  public static final int ATTEMPTS_MAX_DEFAULT = 32;
  public static final int IO_THREADS_DEFAULT = 2;
  public static final int REQUEST_BYTES_MAX_DEFAULT = (4 << 20) + (64 << 10);
  /** The longest frame accepted from a node: a list page of its byte bound plus one entry of the largest value. */
  public static final int RESPONSE_BYTES_MAX = 64 << 20;

  /** Validates raw builder input. */
  public static ClientOptions of(
      List<String> endpoints, Duration requestTimeout, Duration connectTimeout, int maxInFlight, int maxAttempts,
      boolean readFromFollowers, String bearerToken, String clientName, int ioThreads, int requestBytesMax) {
    return new ClientOptions(endpoints.stream().map(HostPort::parse).toList(), requestTimeout, connectTimeout,
        maxInFlight, maxAttempts, readFromFollowers, bearerToken, clientName, ioThreads, requestBytesMax);
  }

  public ClientOptions {
    endpoints = List.copyOf(endpoints);
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("at least one endpoint is required");
    }
    positive("requestTimeout", requestTimeout);
    positive("connectTimeout", connectTimeout);
    if (maxInFlight < 1 || maxInFlight > IN_FLIGHT_MAX_CEILING) {
      throw new IllegalArgumentException("maxInFlight must be within [1, " + IN_FLIGHT_MAX_CEILING + "]: " + maxInFlight);
    }
    if (maxAttempts < 1 || ioThreads < 1 || requestBytesMax < 1024) {
      throw new IllegalArgumentException("maxAttempts and ioThreads must be positive, requestBytesMax at least 1024");
    }
    if (bearerToken == null || clientName == null) {
      throw new NullPointerException("bearerToken and clientName must not be null");
    }
  }

  private static void positive(String name, Duration duration) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + duration);
    }
  }
}
