package io.statekv.raft.internal;

import io.statekv.protocol.v1.ErrorCode;
import io.statekv.raft.ReplicaException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Builds the replica's typed failures, and sorts unknown ones on the safe side. */
final class Failures {
  private Failures() {}

  static ReplicaException notLeader(String leaderId, String leaderAddress) {
    String hint = leaderId == null || leaderId.isEmpty() ? "the leader is unknown" : "the leader is " + leaderId;
    return new ReplicaException(ErrorCode.NOT_LEADER, "this node is not the leader; " + hint, leaderId, leaderAddress);
  }

  static ReplicaException unavailable(String message) {
    return new ReplicaException(ErrorCode.UNAVAILABLE, message);
  }

  static ReplicaException timeout(String message) {
    return new ReplicaException(ErrorCode.TIMEOUT, message);
  }

  static <T> CompletableFuture<T> failed(ReplicaException e) {
    return CompletableFuture.failedFuture(e);
  }

  /** Unwraps the wrappers that futures add around a cause. */
  static Throwable cause(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  /**
   * The failure to report for a write that was handed to Raft. Only a {@link ReplicaException}
   * that already states a definite outcome passes through; everything else may have been applied,
   * so it becomes {@code timeout} (outcome unknown), never a definite failure.
   */
  static ReplicaException afterProposal(Throwable t) {
    Throwable c = cause(t);
    if (c instanceof ReplicaException r) {
      return r;
    }
    if (c instanceof TimeoutException) {
      return timeout("no answer from the Raft group within the request timeout; the outcome is unknown");
    }
    return timeout("the proposal failed after it was handed to Raft (" + c + "); the outcome is unknown");
  }

  /** The failure to report for a read barrier: a read changes nothing, so any failure is safe. */
  static ReplicaException forRead(Throwable t) {
    Throwable c = cause(t);
    if (c instanceof ReplicaException r) {
      return r;
    }
    if (c instanceof TimeoutException) {
      return timeout("the read barrier did not complete within the request timeout");
    }
    return unavailable("the read barrier failed: " + c);
  }
}
