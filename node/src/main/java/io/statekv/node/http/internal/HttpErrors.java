package io.statekv.node.http.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statekv.protocol.ErrorCodes;
import io.statekv.protocol.v1.Error;
import io.statekv.protocol.v1.ErrorCode;

/**
 * Error answers: the HTTP status of the code's row in {@link ErrorCodes}, and the body {@code
 * {"error": {"code", "message", "retryable", "outcome_unknown", ...hints}}}.
 */
final class HttpErrors {
  private HttpErrors() {}

  /**
   * An error reply.
   *
   * @param leaderHttpAddress for {@code not_leader}: the leader's HTTP address, or empty
   * @param withOpIndex whether {@code op_index} means something for this request (update, txn)
   */
  static HttpReply reply(Error e, String leaderHttpAddress, boolean withOpIndex) {
    ErrorCodes.Row row = row(e.getCode());
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ObjectNode error = body.putObject("error");
    error.put("code", row.wireName());
    error.put("message", e.getMessage());
    error.put("retryable", row.retryable());
    error.put("outcome_unknown", row.outcomeUnknown());
    if (row.code() == ErrorCode.NOT_LEADER) {
      error.put("leader_id", e.getLeaderId());
      error.put("leader_address", leaderHttpAddress);
    }
    if (row.code() == ErrorCode.CONFLICT) {
      error.put("current_revision", e.getCurrentRevision());
    }
    if (row.code() == ErrorCode.COMPACTED) {
      error.put("oldest_revision", e.getOldestRevision());
    }
    if (withOpIndex && e.getOpIndex() >= 0) {
      error.put("op_index", e.getOpIndex());
    }
    return HttpReply.json(row.httpStatus(), body, row.wireName());
  }

  static HttpReply reply(ErrorCode code, String message) {
    return reply(Error.newBuilder().setCode(code).setMessage(message).setOpIndex(-1).build(), "", false);
  }

  /** A code outside the table (unspecified, or from a newer peer) is answered as internal. */
  private static ErrorCodes.Row row(ErrorCode code) {
    if (code == ErrorCode.ERROR_CODE_UNSPECIFIED || code == ErrorCode.UNRECOGNIZED) {
      return ErrorCodes.of(ErrorCode.INTERNAL);
    }
    return ErrorCodes.of(code);
  }
}
