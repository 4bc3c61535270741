package io.statekv.client;

import io.statekv.protocol.v1.ErrorCode;

/**
 * The operation may or may not have taken effect. Never treat it as a failure of a write: read the
 * key back, or make the write idempotent (for example with {@code if_revision}).
 *
 * <p>Its code says why:
 *
 * <ul>
 *   <li>{@code timeout}: no answer arrived within the request's deadline (the node timed out, or
 *       the client gave up retrying after a request was sent and its answer lost);
 *   <li>{@code session_expired}: a retried write's cached answer had already been forgotten by the
 *       cluster, so whether the first attempt applied cannot be told;
 *   <li>{@code cancelled}: the client was closed, or the waiting thread interrupted, after the
 *       write had been sent.
 * </ul>
 */
public final class OutcomeUnknownException extends StateKvException {
  private static final long serialVersionUID = 1L;

  public OutcomeUnknownException(ErrorCode code, String message) {
    super(code, message);
  }

  public OutcomeUnknownException(ErrorCode code, String message, Throwable cause) {
    super(code, message, -1, cause);
  }

  @Override
  public boolean outcomeUnknown() {
    return true;
  }
}
