package io.statekv.node.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.statekv.node.dispatch.Dispatcher;
import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.Error;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.protocol.v1.ListRequest;
import io.statekv.protocol.v1.NodeMessage;
import io.statekv.storage.JsonCodec;
import io.statekv.storage.Limits;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON gateway: reads iii's payloads (and our extras) into protocol requests, hands them to
 * the {@link Dispatcher} like any client request (without a session), and answers in iii's result
 * shapes. A write that reaches a follower is forwarded once to the leader. Thread-safe; never
 * blocks.
 */
final class StateGateway {
  private static final Logger LOG = LoggerFactory.getLogger(StateGateway.class);

  private final Dispatcher dispatcher;
  private final LeaderForwarder forwarder;
  private final AtomicLong requestIds = new AtomicLong();

  StateGateway(Dispatcher dispatcher, LeaderForwarder forwarder) {
    this.dispatcher = dispatcher;
    this.forwarder = forwarder;
  }

  /**
   * Handles one request body.
   *
   * @param forwarded true when another node forwarded this request here, which then is never
   *     forwarded again
   */
  CompletableFuture<HttpReply> handle(StateOp op, byte[] body, boolean forwarded) {
    ClientMessage request;
    boolean wholeScope;
    try {
      JsonNode json = parseBody(op, body);
      ClientMessage parsed = toRequest(op, json);
      wholeScope = op == StateOp.LIST && parsed.getList().getLimit() == 0;
      request = wholeScope
          ? parsed.toBuilder().setList(parsed.getList().toBuilder().setLimit(Limits.LIST_LIMIT_MAX)).build()
          : parsed;
    } catch (GatewayException e) {
      return CompletableFuture.completedFuture(HttpErrors.reply(e.error(), "", op.hasOps()));
    }
    CompletableFuture<NodeMessage> answer;
    try {
      answer = dispatcher.dispatch(null, request);
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    return answer.handle((response, failure) -> {
      if (failure != null) {
        LOG.error("the dispatcher failed on {} instead of answering with an error", op.opName(), failure);
        return CompletableFuture.completedFuture(HttpErrors.reply(ErrorCode.INTERNAL, "internal error: " + failure));
      }
      if (response.hasError()) {
        return onError(op, body, forwarded, response.getError());
      }
      return CompletableFuture.completedFuture(toReply(op, request, response, wholeScope));
    }).thenCompose(reply -> reply);
  }

  private CompletableFuture<HttpReply> onError(StateOp op, byte[] body, boolean forwarded, Error error) {
    if (error.getCode() != ErrorCode.NOT_LEADER) {
      return CompletableFuture.completedFuture(HttpErrors.reply(error, "", op.hasOps()));
    }
    return forwarder.forwardOrRefuse(op, body, forwarded, error);
  }

  private static JsonNode parseBody(StateOp op, byte[] body) {
    if (body.length == 0) {
      if (op == StateOp.LIST_GROUPS) {
        return JsonNodeFactory.instance.objectNode();
      }
      throw GatewayException.invalid(op.opName() + ": the body is empty; expected a JSON object");
    }
    try {
      return JsonCodec.parse(body);
    } catch (IllegalArgumentException e) {
      throw GatewayException.invalid(op.opName() + ": the body is not valid JSON: " + e.getMessage());
    }
  }

  private ClientMessage toRequest(StateOp op, JsonNode json) {
    String where = op.opName();
    var b = ClientMessage.newBuilder().setRequestId(requestIds.incrementAndGet());
    switch (op) {
      case GET, GET_ENTRY -> b.setGet(GatewayRequests.get(json, where));
      case SET -> b.setSet(GatewayRequests.set(json, where));
      case UPDATE -> b.setUpdate(GatewayRequests.update(json, where));
      case PATCH -> b.setPatch(GatewayRequests.patch(json, where));
      case APPEND -> b.setAppend(GatewayRequests.append(json, where));
      case DELETE -> b.setDelete(GatewayRequests.delete(json, where));
      case LIST -> b.setList(GatewayRequests.list(json, where, false));
      case LIST_ENTRIES -> b.setList(GatewayRequests.list(json, where, true));
      case LIST_GROUPS -> b.setListGroups(GatewayRequests.listGroups(json, where));
      case TXN -> b.setTxn(TxnRequests.txn(json));
    }
    return b.build();
  }

  /**
   * The answer in the shape of the operation. iii's list answers every value of the scope: without
   * a limit it is read as one page of the largest size ({@code wholeScope}), so that the answer is
   * one consistent read, and a scope with more keys is refused rather than answered in part.
   */
  private static HttpReply toReply(StateOp op, ClientMessage request, NodeMessage response, boolean wholeScope) {
    return switch (op) {
      case GET -> HttpReply.ok(GatewayResponses.value(response.getGet()));
      case GET_ENTRY -> HttpReply.ok(GatewayResponses.entryResult(response.getGet()));
      case SET, UPDATE, PATCH, APPEND -> HttpReply.ok(GatewayResponses.write(response.getWrite()));
      case DELETE -> HttpReply.ok(GatewayResponses.deleted(response.getDelete()));
      case LIST -> listValues(request.getList(), response, wholeScope);
      case LIST_ENTRIES -> HttpReply.ok(GatewayResponses.page(response.getList()));
      case LIST_GROUPS -> HttpReply.ok(GatewayResponses.groups(response.getListGroups()));
      case TXN -> HttpReply.ok(GatewayResponses.txn(response.getTxn()));
    };
  }

  private static HttpReply listValues(ListRequest request, NodeMessage response, boolean wholeScope) {
    if (response.getList().getMore() && wholeScope) {
      return HttpErrors.reply(ErrorCode.INVALID_ARGUMENT, "list: scope '" + request.getScope() + "'"
          + (request.getPrefix().isEmpty() ? "" : " under prefix '" + request.getPrefix() + "'")
          + " holds more than one answer may carry (" + Limits.LIST_LIMIT_MAX
          + " entries, or the page byte bound); page through it with list_entries, or pass a limit");
    }
    return HttpReply.ok(GatewayResponses.values(response.getList()));
  }
}
