package io.statekv.node.cli;

import io.statekv.protocol.ErrorCodes;
import io.statekv.protocol.v1.ErrorCode;

/**
 * The exit codes of the {@code statekv} command, so that scripts can tell outcomes apart (see
 * docs/operations.md). Codes 64 and 78 follow BSD's sysexits.
 */
public final class ExitCodes {
  private ExitCodes() {}

  public static final int OK = 0;
  /** Any other failure: the request certainly did not happen (unavailable, invalid, ...). */
  public static final int FAILURE = 1;
  /** The key, member or endpoint does not exist. */
  public static final int NOT_FOUND = 3;
  /** An {@code if_revision} or txn condition did not hold; nothing changed. */
  public static final int CONFLICT = 4;
  /** The request may or may not have been applied (a timeout). Check before retrying. */
  public static final int OUTCOME_UNKNOWN = 5;
  /** The command line was wrong. */
  public static final int USAGE = 64;
  /** The node's config file is missing or invalid. */
  public static final int CONFIG = 78;

  /** The exit code for an error code from the table. */
  public static int of(ErrorCode code) {
    if (code == ErrorCode.NOT_FOUND) {
      return NOT_FOUND;
    }
    if (code == ErrorCode.CONFLICT) {
      return CONFLICT;
    }
    if (code != ErrorCode.ERROR_CODE_UNSPECIFIED && code != ErrorCode.UNRECOGNIZED && ErrorCodes.of(code).outcomeUnknown()) {
      return OUTCOME_UNKNOWN;
    }
    return FAILURE;
  }
}
