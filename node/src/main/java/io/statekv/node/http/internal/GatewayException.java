package io.statekv.node.http.internal;

import io.statekv.protocol.v1.ErrorCode;
import io.statekv.protocol.v1.Error;

/**
 * A request the gateway refuses before it reaches the dispatcher (bad JSON, a missing field, a
 * malformed op), carried as the protocol's {@link Error} so that it is answered like any other.
 */
final class GatewayException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Error error;

  GatewayException(Error error) {
    super(error.getMessage(), null, false, false);
    this.error = error;
  }

  static GatewayException invalid(String message) {
    return invalidOp(-1, message);
  }

  static GatewayException invalidOp(int opIndex, String message) {
    return new GatewayException(
        Error.newBuilder().setCode(ErrorCode.INVALID_ARGUMENT).setMessage(message).setOpIndex(opIndex).build());
  }

  Error error() {
    return error;
  }
}
