package io.statekv.client;

import io.statekv.protocol.v1.ErrorCode;

/** A watcher fell too far behind and was cancelled. Code {@code slow_watcher}; the operation did not take effect. */
public final class SlowWatcherException extends StateKvException {
  private static final long serialVersionUID = 1L;

  public SlowWatcherException(String message) {
    super(ErrorCode.SLOW_WATCHER, message);
  }

  public SlowWatcherException(String message, int opIndex, Throwable cause) {
    super(ErrorCode.SLOW_WATCHER, message, opIndex, cause);
  }
}
