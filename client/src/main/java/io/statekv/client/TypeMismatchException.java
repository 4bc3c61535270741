package io.statekv.client;

import io.statekv.protocol.v1.ErrorCode;

/** The stored value has the wrong type for the operation, such as append to a value that is not an array. Code {@code type_mismatch}; the operation did not take effect. */
public final class TypeMismatchException extends StateKvException {
  private static final long serialVersionUID = 1L;

  public TypeMismatchException(String message) {
    super(ErrorCode.TYPE_MISMATCH, message);
  }

  public TypeMismatchException(String message, int opIndex, Throwable cause) {
    super(ErrorCode.TYPE_MISMATCH, message, opIndex, cause);
  }
}
