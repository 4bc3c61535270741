package io.statekv.client;

import io.statekv.protocol.v1.ErrorCode;

/**
 * A watch asked to start at a revision that has left the node's event history; re-list, then
 * watch from the list's revision. Code {@code compacted}.
 */
public final class CompactedException extends StateKvException {
  private static final long serialVersionUID = 1L;

  private final long oldestRevision;

  public CompactedException(String message, long oldestRevision) {
    super(ErrorCode.COMPACTED, message);
    this.oldestRevision = oldestRevision;
  }

  /** The oldest revision the node still holds. */
  public long oldestRevision() {
    return oldestRevision;
  }
}
