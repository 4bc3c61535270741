package io.statekv.node.dispatch.internal;

import io.statekv.protocol.v1.ErrorCode;

/**
 * A request refused at the edge, before it could reach the log. Carries the code of the error
 * table ({@code invalid_argument}, {@code value_too_large} or {@code request_too_large}) and, for
 * a txn, the index of the offending op or compare.
 */
public final class RejectedRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final int opIndex;

  public RejectedRequestException(ErrorCode code, String message) {
    this(code, message, -1);
  }

  public RejectedRequestException(ErrorCode code, String message, int opIndex) {
    super(message, null, false, false);
    this.code = code;
    this.opIndex = opIndex;
  }

  public static RejectedRequestException invalid(String message) {
    return new RejectedRequestException(ErrorCode.INVALID_ARGUMENT, message);
  }

  public ErrorCode code() {
    return code;
  }

  /** The txn op or compare at fault, or -1. */
  public int opIndex() {
    return opIndex;
  }

  /** The same rejection, attributed to a txn op; the message names where it happened. */
  public RejectedRequestException at(String where, int index) {
    return new RejectedRequestException(code, where + ": " + getMessage(), index);
  }
}
