package io.statekv.node.dispatch.internal;

import io.statekv.protocol.v1.CommandResult;
import io.statekv.protocol.v1.Error;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.protocol.v1.NodeMessage;
import io.statekv.raft.ReplicaException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds responses: a write's {@link CommandResult} as a response body, and every failure as an
 * {@link Error} of the table. Expected failures keep their code; anything else is a bug, answered
 * {@code internal} and logged, and the node keeps serving. Stateless and thread-safe.
 */
public final class Replies {
  private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

  private Replies() {}

  public static Error error(ErrorCode code, String message) {
    return Error.newBuilder().setCode(code).setMessage(message).setOpIndex(-1).build();
  }

  public static NodeMessage error(long requestId, ErrorCode code, String message) {
    return NodeMessage.newBuilder().setRequestId(requestId).setError(error(code, message)).build();
  }

  /** The response to a request that failed with {@code failure}. */
  public static NodeMessage failure(long requestId, Throwable failure) {
    return NodeMessage.newBuilder().setRequestId(requestId).setError(errorOf(failure)).build();
  }

  static Error errorOf(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof RejectedRequestException rejected) {
      return Error.newBuilder()
          .setCode(rejected.code())
          .setMessage(rejected.getMessage())
          .setOpIndex(rejected.opIndex())
          .build();
    }
    if (cause instanceof ReplicaException replica) {
      return Error.newBuilder()
          .setCode(replica.code())
          .setMessage(String.valueOf(replica.getMessage()))
          .setLeaderId(replica.leaderId())
          .setLeaderAddress(replica.leaderAddress())
          .setOpIndex(-1)
          .build();
    }
    if (cause instanceof RejectedExecutionException) {
      return error(ErrorCode.UNAVAILABLE, "the node is overloaded: its read queue is full; retry later");
    }
    LOG.error("request failed unexpectedly", cause);
    return error(ErrorCode.INTERNAL, "internal error: " + cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
  }

  static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** A write's result as a response body, or its error. */
  public static NodeMessage.Builder of(CommandResult result) {
    NodeMessage.Builder out = NodeMessage.newBuilder();
    return switch (result.getResultCase()) {
      case WRITE -> out.setWrite(result.getWrite());
      case DELETE -> out.setDelete(result.getDelete());
      case TXN -> out.setTxn(result.getTxn());
      case ERROR -> out.setError(result.getError());
      case RESULT_NOT_SET -> throw new IllegalStateException("the replica returned an empty command result");
    };
  }
}
