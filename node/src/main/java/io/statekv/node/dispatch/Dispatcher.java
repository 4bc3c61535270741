package io.statekv.node.dispatch;

import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.NodeMessage;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The node's one entry point for client requests, shared by the protobuf protocol server and the
 * HTTP JSON gateway. It validates every request at the edge (limits, names, JSON, op shapes) so
 * that bad input gets a typed error and never reaches the log, then serves reads through the
 * replica's read barriers and proposes writes to the leader.
 *
 * <p>Every returned future completes normally, with either a body or an {@code error}: failures
 * are data, never exceptions. Watch requests are not handled here (they stream).
 *
 * <p>Thread-safe; called from Netty event loops, so it never blocks.
 */
public interface Dispatcher {

  /**
   * Handles one request.
   *
   * @param clientId the connection's client id from its Hello, used with the message's session
   *     numbers for exactly-once writes; null when the caller has no session (HTTP)
   * @param message the request, with its request id echoed in the response
   */
  CompletableFuture<NodeMessage> dispatch(UUID clientId, ClientMessage message);
}
