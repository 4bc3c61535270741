package io.statekv.client;

import io.statekv.protocol.v1.ErrorCode;

/** The request broke a rule of the data model or the protocol (a name, a JSON value, an op shape, a limit). Code {@code invalid_argument}; the operation did not take effect. */
public final class InvalidArgumentException extends StateKvException {
  private static final long serialVersionUID = 1L;

  public InvalidArgumentException(String message) {
    super(ErrorCode.INVALID_ARGUMENT, message);
  }

  public InvalidArgumentException(String message, int opIndex, Throwable cause) {
    super(ErrorCode.INVALID_ARGUMENT, message, opIndex, cause);
  }
}
