package io.statekv.client;

import io.statekv.protocol.v1.ErrorCode;

/** No node could serve the request in time: no leader, nodes unreachable, or a node overloaded. Code {@code unavailable}; the operation did not take effect. */
public final class UnavailableException extends StateKvException {
  private static final long serialVersionUID = 1L;

  public UnavailableException(String message) {
    super(ErrorCode.UNAVAILABLE, message);
  }

  public UnavailableException(String message, int opIndex, Throwable cause) {
    super(ErrorCode.UNAVAILABLE, message, opIndex, cause);
  }
}
