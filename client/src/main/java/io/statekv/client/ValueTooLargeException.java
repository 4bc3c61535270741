package io.statekv.client;

import io.statekv.protocol.v1.ErrorCode;

/** A value is larger than the cluster's {@code value_bytes_max}. Code {@code value_too_large}; the operation did not take effect. */
public final class ValueTooLargeException extends StateKvException {
  private static final long serialVersionUID = 1L;

  public ValueTooLargeException(String message) {
    super(ErrorCode.VALUE_TOO_LARGE, message);
  }

  public ValueTooLargeException(String message, int opIndex, Throwable cause) {
    super(ErrorCode.VALUE_TOO_LARGE, message, opIndex, cause);
  }
}
