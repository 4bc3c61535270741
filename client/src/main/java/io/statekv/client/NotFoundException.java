package io.statekv.client;

import io.statekv.protocol.v1.ErrorCode;

/** A key, member or resource does not exist. Code {@code not_found}; the operation did not take effect. */
public final class NotFoundException extends StateKvException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(ErrorCode.NOT_FOUND, message);
  }

  public NotFoundException(String message, int opIndex, Throwable cause) {
    super(ErrorCode.NOT_FOUND, message, opIndex, cause);
  }
}
