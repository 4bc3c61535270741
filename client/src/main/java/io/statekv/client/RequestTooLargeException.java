package io.statekv.client;

import io.statekv.protocol.v1.ErrorCode;

/** The encoded request is larger than the node's (or the client's) {@code request_bytes_max}. Code {@code request_too_large}; the operation did not take effect. */
public final class RequestTooLargeException extends StateKvException {
  private static final long serialVersionUID = 1L;

  public RequestTooLargeException(String message) {
    super(ErrorCode.REQUEST_TOO_LARGE, message);
  }

  public RequestTooLargeException(String message, int opIndex, Throwable cause) {
    super(ErrorCode.REQUEST_TOO_LARGE, message, opIndex, cause);
  }
}
