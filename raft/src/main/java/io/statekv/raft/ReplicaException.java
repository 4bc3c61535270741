package io.statekv.raft;

import io.statekv.protocol.ErrorCodes;
import io.statekv.protocol.v1.ErrorCode;

/**
 * An expected failure of a replica operation, with its code from the error table. {@link
 * ErrorCode#NOT_LEADER} carries the leader's id and client address when known. {@link
 * ErrorCode#TIMEOUT} means the outcome is unknown: the command may still be applied.
 */
public final class ReplicaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final String leaderId;
  private final String leaderAddress;

  public ReplicaException(ErrorCode code, String message) {
    this(code, message, "", "");
  }

  public ReplicaException(ErrorCode code, String message, String leaderId, String leaderAddress) {
    super(message);
    this.code = code;
    this.leaderId = leaderId == null ? "" : leaderId;
    this.leaderAddress = leaderAddress == null ? "" : leaderAddress;
  }

  public ErrorCode code() {
    return code;
  }

  public String leaderId() {
    return leaderId;
  }

  public String leaderAddress() {
    return leaderAddress;
  }

  public boolean outcomeUnknown() {
    return ErrorCodes.of(code).outcomeUnknown();
  }
}
