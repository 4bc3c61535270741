package io.statekv.storage;

import java.io.IOException;

/** A snapshot file failed verification: bad magic, unknown version, short read or bad checksum. */
public final class CorruptSnapshotException extends IOException {
  private static final long serialVersionUID = 1L;

  public CorruptSnapshotException(String message) {
    super(message);
  }

  public CorruptSnapshotException(String message, Throwable cause) {
    super(message, cause);
  }
}
