package io.statekv.chaos.checker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.chaos.history.MalformedHistoryException;
import io.statekv.chaos.history.Operation;
import java.util.concurrent.TimeUnit;

/**
 * An operation of the ttl workload: {@code put} with value {@code {"key", "value", "ttl"}} (ttl in
 * seconds, absent for none), {@code delete} with {@code {"key"}}, and {@code read} with {@code
 * {"key"}} whose ok result is {@code {"key", "value"}} (value null when absent). Immutable.
 *
 * @param operation the operation
 * @param key the key
 * @param value the value put or read, canonical; JSON null for a delete or an absent key
 * @param ttlNanos the time to live of a put, or -1 for none
 */
public record TtlOp(Operation operation, String key, JsonNode value, long ttlNanos) {

  /** Longest TTL accepted, in seconds (a year), so that times cannot overflow. */
  public static final long TTL_SECONDS_MAX = 365L * 24 * 3600;

  public boolean isPut() {
    return operation.f().equals("put");
  }

  public boolean isRead() {
    return operation.f().equals("read");
  }

  /** True for a put or delete that may have changed the key. */
  public boolean mayMutate() {
    return !isRead() && !operation.isFail();
  }

  /**
   * Parses an operation.
   *
   * @throws MalformedHistoryException if it is not a well-formed put, delete or read
   */
  public static TtlOp parse(Operation op) {
    String f = op.f();
    if (!f.equals("put") && !f.equals("delete") && !f.equals("read")) {
      throw new MalformedHistoryException(op.invoke().line(),
          "the ttl checker knows only put, delete and read, not '" + f + "'");
    }
    JsonNode key = op.invokeValue().path("key");
    if (!key.isTextual()) {
      throw new MalformedHistoryException(op.invoke().line(),
          "a ttl op needs a string \"key\", got " + op.invokeValue());
    }
    JsonNode value = f.equals("put") ? op.invokeValue().path("value")
        : f.equals("read") && op.isOk() ? op.completionValue().path("value") : null;
    return new TtlOp(op, key.asText(), JsonValues.canonical(value), ttlNanos(op));
  }

  private static long ttlNanos(Operation op) {
    JsonNode ttl = op.invokeValue().path("ttl");
    if (!op.f().equals("put") || ttl.isMissingNode() || ttl.isNull()) {
      return -1;
    }
    if (!ttl.isIntegralNumber() || ttl.asLong() < 1 || ttl.asLong() > TTL_SECONDS_MAX) {
      throw new MalformedHistoryException(op.invoke().line(),
          "ttl must be whole seconds from 1 to " + TTL_SECONDS_MAX + ", got " + ttl);
    }
    return TimeUnit.SECONDS.toNanos(ttl.asLong());
  }
}
