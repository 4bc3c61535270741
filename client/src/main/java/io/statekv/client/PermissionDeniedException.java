package io.statekv.client;

import io.statekv.protocol.v1.ErrorCode;

/** The credentials do not allow this operation. Code {@code permission_denied}; the operation did not take effect. */
public final class PermissionDeniedException extends StateKvException {
  private static final long serialVersionUID = 1L;

  public PermissionDeniedException(String message) {
    super(ErrorCode.PERMISSION_DENIED, message);
  }

  public PermissionDeniedException(String message, int opIndex, Throwable cause) {
    super(ErrorCode.PERMISSION_DENIED, message, opIndex, cause);
  }
}
