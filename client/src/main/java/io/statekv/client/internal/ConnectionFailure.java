package io.statekv.client.internal;

/**
 * A connection could not carry a request. {@code sent} tells whether the request may have reached
 * the node (it was written, or was waiting for its answer, when the connection broke): then a write
 * may have been applied.
 */
final class ConnectionFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean sent;

  ConnectionFailure(boolean sent, String message, Throwable cause) {
    super(message, cause, false, false);
    this.sent = sent;
  }

  boolean sent() {
    return sent;
  }
}
