package io.statekv.client;

import io.statekv.protocol.v1.ErrorCode;

/**
 * The node is not the leader. The client follows this hint by itself; a caller sees the exception
 * only when no leader answered within the request's deadline. Code {@code not_leader}; the
 * operation did not take effect.
 */
public final class NotLeaderException extends StateKvException {
  private static final long serialVersionUID = 1L;

  private final String leaderId;
  private final String leaderAddress;

  public NotLeaderException(String message, String leaderId, String leaderAddress) {
    super(ErrorCode.NOT_LEADER, message);
    this.leaderId = leaderId == null ? "" : leaderId;
    this.leaderAddress = leaderAddress == null ? "" : leaderAddress;
  }

  /** The leader's id, or empty when the node did not know it. */
  public String leaderId() {
    return leaderId;
  }

  /** The leader's client address (host:port), or empty when the node did not know it. */
  public String leaderAddress() {
    return leaderAddress;
  }
}
