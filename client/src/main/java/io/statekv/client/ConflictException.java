package io.statekv.client;

import io.statekv.protocol.v1.ErrorCode;

/**
 * An {@code if_revision} condition did not hold, so nothing changed. Code {@code conflict}; the
 * operation did not take effect.
 */
public final class ConflictException extends StateKvException {
  private static final long serialVersionUID = 1L;

  private final long currentRevision;

  public ConflictException(String message, long currentRevision) {
    this(message, currentRevision, -1, null);
  }

  public ConflictException(String message, long currentRevision, int opIndex, Throwable cause) {
    super(ErrorCode.CONFLICT, message, opIndex, cause);
    this.currentRevision = currentRevision;
  }

  /** The key's revision when the condition was evaluated; 0 when the key was missing. */
  public long currentRevision() {
    return currentRevision;
  }
}
