package io.statekv.client;

import io.statekv.protocol.ErrorCodes;
import io.statekv.protocol.v1.ErrorCode;

/**
 * The base of every failure the client reports: an error code from the project's one table of
 * codes ({@link ErrorCodes}), a message, and a typed subclass per code.
 *
 * <p>The one question a caller must always be able to answer is whether a write happened. {@link
 * #outcomeUnknown()} is true only for {@link OutcomeUnknownException}: the write may or may not
 * have been applied. Every other exception means the operation certainly did not take effect.
 */
public class StateKvException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final int opIndex;

  public StateKvException(ErrorCode code, String message) {
    this(code, message, -1, null);
  }

  public StateKvException(ErrorCode code, String message, int opIndex, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.opIndex = opIndex;
  }

  /** The code of the error table. */
  public ErrorCode code() {
    return code;
  }

  /** The snake_case name of the code, as in JSON and the HTTP gateway, such as {@code not_leader}. */
  public String wireName() {
    return ErrorCodes.of(code).wireName();
  }

  /** Within a txn, the index of the op (or compare) at fault; -1 otherwise. */
  public int opIndex() {
    return opIndex;
  }

  /** True when the operation may have taken effect; see {@link OutcomeUnknownException}. */
  public boolean outcomeUnknown() {
    return false;
  }

  /** True when the operation certainly did not take effect. */
  public final boolean definitelyFailed() {
    return !outcomeUnknown();
  }

  /** True when sending the same request again may succeed (the client already retried it within its deadline). */
  public boolean retryable() {
    return ErrorCodes.of(code).retryable();
  }
}
