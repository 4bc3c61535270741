package io.statekv.storage;

/**
 * Settings that change the results of apply, and are therefore part of the replicated state.
 *
 * <p>They are never read from node configuration at apply time: a cluster starts with {@link
 * #DEFAULTS}, the bootstrap leader may propose other values once, and later changes go through a
 * {@link Command.ChangeSettings} log command.
 *
 * @param valueBytesMax the largest value, in bytes of compact JSON
 * @param entriesMax the most live entries the cluster holds; writes past it fail with {@code
 *     quota_exceeded}
 * @param stateBytesMax the most bytes of keys and values the cluster holds; writes past it fail
 *     with {@code quota_exceeded}
 * @param sessionsMax the most client sessions kept for exactly-once writes
 * @param sessionTtlMillis how long, in leader time, an idle client session is kept
 */
public record ClusterSettings(
    int valueBytesMax, long entriesMax, long stateBytesMax, int sessionsMax, long sessionTtlMillis) {

  public static final long ENTRIES_MAX_DEFAULT = 1_000_000;
  public static final long STATE_BYTES_MAX_DEFAULT = 2L << 30;
  public static final int SESSIONS_MAX_DEFAULT = 10_000;
  public static final long SESSION_TTL_MILLIS_DEFAULT = 10 * 60 * 1000;

  public static final ClusterSettings DEFAULTS =
      new ClusterSettings(
          Limits.VALUE_BYTES_MAX_DEFAULT,
          ENTRIES_MAX_DEFAULT,
          STATE_BYTES_MAX_DEFAULT,
          SESSIONS_MAX_DEFAULT,
          SESSION_TTL_MILLIS_DEFAULT);

  public ClusterSettings {
    if (valueBytesMax < 1024 || valueBytesMax > Limits.VALUE_BYTES_MAX_CEILING) {
      throw new IllegalArgumentException(
          "value_bytes_max must be within [1024, " + Limits.VALUE_BYTES_MAX_CEILING + "]: " + valueBytesMax);
    }
    if (entriesMax < 1) {
      throw new IllegalArgumentException("entries_max must be positive: " + entriesMax);
    }
    if (stateBytesMax < valueBytesMax) {
      throw new IllegalArgumentException("state_bytes_max must be at least value_bytes_max: " + stateBytesMax);
    }
    if (sessionsMax < 1) {
      throw new IllegalArgumentException("sessions_max must be positive: " + sessionsMax);
    }
    if (sessionTtlMillis < 1000) {
      throw new IllegalArgumentException("session_ttl_millis must be at least 1000: " + sessionTtlMillis);
    }
  }
}
