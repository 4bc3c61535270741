package io.statekv.client;

import io.statekv.protocol.v1.ErrorCode;

/** The operation was cancelled before it was sent (for example by closing the client), or a read was abandoned. Code {@code cancelled}; the operation did not take effect. */
public final class CancelledException extends StateKvException {
  private static final long serialVersionUID = 1L;

  public CancelledException(String message) {
    super(ErrorCode.CANCELLED, message);
  }

  public CancelledException(String message, int opIndex, Throwable cause) {
    super(ErrorCode.CANCELLED, message, opIndex, cause);
  }
}
