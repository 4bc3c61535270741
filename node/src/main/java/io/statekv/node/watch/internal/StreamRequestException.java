package io.statekv.node.watch.internal;

import io.statekv.protocol.v1.Error;
import io.statekv.protocol.v1.ErrorCode;

/** A stream request refused with an error of the table; the node and its other watches go on. */
final class StreamRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Error error;

  StreamRequestException(Error error) {
    super(error.getMessage(), null, false, false);
    this.error = error;
  }

  static StreamRequestException of(ErrorCode code, String message) {
    return new StreamRequestException(Cancellations.error(code, message));
  }

  Error error() {
    return error;
  }
}
