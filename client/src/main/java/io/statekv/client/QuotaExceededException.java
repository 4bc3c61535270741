package io.statekv.client;

import io.statekv.protocol.v1.ErrorCode;

/** The write would take the cluster past {@code entries_max} or {@code state_bytes_max}. Code {@code quota_exceeded}; the operation did not take effect. */
public final class QuotaExceededException extends StateKvException {
  private static final long serialVersionUID = 1L;

  public QuotaExceededException(String message) {
    super(ErrorCode.QUOTA_EXCEEDED, message);
  }

  public QuotaExceededException(String message, int opIndex, Throwable cause) {
    super(ErrorCode.QUOTA_EXCEEDED, message, opIndex, cause);
  }
}
