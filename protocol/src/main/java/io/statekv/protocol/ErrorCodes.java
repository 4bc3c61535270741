package io.statekv.protocol;

import io.statekv.protocol.v1.ErrorCode;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The one table of error codes: for each protobuf {@link ErrorCode}, its wire name (used in JSON
 * and by the storage engine), its HTTP status, and whether the operation's outcome is unknown.
 *
 * <p>"Outcome unknown" means the write may or may not have happened (a timeout, or a retry whose
 * cached answer is gone). Every other code means it certainly did not happen. A client must never
 * report an unknown outcome as a failure.
 */
public final class ErrorCodes {
  private ErrorCodes() {}

  /**
   * One row of the table.
   *
   * @param wireName the snake_case name, such as {@code not_leader}
   * @param httpStatus the status the JSON gateway answers with
   * @param outcomeUnknown true when a write with this error may have been applied
   * @param retryable true when the same request may be sent again, possibly to another node
   */
  public record Row(ErrorCode code, String wireName, int httpStatus, boolean outcomeUnknown, boolean retryable) {}

  private static final Map<ErrorCode, Row> BY_CODE = new EnumMap<>(ErrorCode.class);
  private static final Map<String, Row> BY_NAME = new HashMap<>();

  static {
    row(ErrorCode.NOT_FOUND, "not_found", 404, false, false);
    row(ErrorCode.CONFLICT, "conflict", 409, false, false);
    row(ErrorCode.VALUE_TOO_LARGE, "value_too_large", 413, false, false);
    row(ErrorCode.INVALID_ARGUMENT, "invalid_argument", 400, false, false);
    row(ErrorCode.NOT_LEADER, "not_leader", 421, false, true);
    row(ErrorCode.UNAVAILABLE, "unavailable", 503, false, true);
    row(ErrorCode.TIMEOUT, "timeout", 504, true, true);
    row(ErrorCode.COMPACTED, "compacted", 410, false, false);
    row(ErrorCode.UNAUTHENTICATED, "unauthenticated", 401, false, false);
    row(ErrorCode.PERMISSION_DENIED, "permission_denied", 403, false, false);
    row(ErrorCode.QUOTA_EXCEEDED, "quota_exceeded", 507, false, false);
    row(ErrorCode.TYPE_MISMATCH, "type_mismatch", 422, false, false);
    row(ErrorCode.REQUEST_TOO_LARGE, "request_too_large", 413, false, false);
    row(ErrorCode.SESSION_EXPIRED, "session_expired", 409, true, false);
    row(ErrorCode.SLOW_WATCHER, "slow_watcher", 429, false, true);
    row(ErrorCode.CANCELLED, "cancelled", 499, false, false);
    row(ErrorCode.INTERNAL, "internal", 500, false, false);
  }

  private static void row(ErrorCode code, String name, int status, boolean unknown, boolean retryable) {
    Row r = new Row(code, name, status, unknown, retryable);
    BY_CODE.put(code, r);
    BY_NAME.put(name, r);
  }

  /** The row of a code. Every code but {@code ERROR_CODE_UNSPECIFIED} and {@code UNRECOGNIZED} has one. */
  public static Row of(ErrorCode code) {
    Row r = BY_CODE.get(code);
    if (r == null) {
      throw new IllegalArgumentException("no table row for error code " + code);
    }
    return r;
  }

  /** The row of a wire name, or null when the name is unknown. */
  public static Row byWireName(String wireName) {
    return BY_NAME.get(wireName);
  }

  /** Every row, in code order. */
  public static Iterable<Row> rows() {
    return BY_CODE.values();
  }
}
