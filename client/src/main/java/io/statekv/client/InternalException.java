package io.statekv.client;

import io.statekv.protocol.v1.ErrorCode;

/** The node failed unexpectedly while serving the request; it logged the cause. Code {@code internal}; the operation did not take effect. */
public final class InternalException extends StateKvException {
  private static final long serialVersionUID = 1L;

  public InternalException(String message) {
    super(ErrorCode.INTERNAL, message);
  }

  public InternalException(String message, int opIndex, Throwable cause) {
    super(ErrorCode.INTERNAL, message, opIndex, cause);
  }
}
