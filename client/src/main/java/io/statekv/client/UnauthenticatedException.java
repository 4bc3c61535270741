package io.statekv.client;

import io.statekv.protocol.v1.ErrorCode;

/** The connection's credentials were refused. Code {@code unauthenticated}; the operation did not take effect. */
public final class UnauthenticatedException extends StateKvException {
  private static final long serialVersionUID = 1L;

  public UnauthenticatedException(String message) {
    super(ErrorCode.UNAUTHENTICATED, message);
  }

  public UnauthenticatedException(String message, int opIndex, Throwable cause) {
    super(ErrorCode.UNAUTHENTICATED, message, opIndex, cause);
  }
}
