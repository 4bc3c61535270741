package io.statekv.node.wire.internal;

import io.statekv.node.dispatch.Dispatcher;
import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.ClusterStatusRequest;
import io.statekv.protocol.v1.Hello;
import io.statekv.protocol.v1.HelloResponse;
import io.statekv.protocol.v1.NodeMessage;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The connection handshake. A Hello names the protocol version (only {@value
 * ConnectionHandler#PROTOCOL_VERSION}) and a 16-byte client id, the identity of the client's
 * exactly-once session. The answer carries this node's id and its view of the cluster, so a client
 * learns the members and the leader from its first round trip.
 *
 * <p>The bearer token is accepted and ignored: nodes do not authenticate yet. It travels in the
 * Hello so that adding authentication later changes no client.
 */
final class Handshake {
  private final Dispatcher dispatcher;

  Handshake(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  /** Null when the Hello is acceptable, or what is wrong with it. */
  static String check(Hello hello) {
    if (hello.getProtocolVersion() != ConnectionHandler.PROTOCOL_VERSION) {
      return "unsupported protocol version " + Integer.toUnsignedString(hello.getProtocolVersion())
          + "; this node speaks version " + ConnectionHandler.PROTOCOL_VERSION;
    }
    if (hello.getClientId().size() != 16) {
      return "client_id must be 16 bytes (a UUID), got " + hello.getClientId().size();
    }
    return null;
  }

  static UUID clientId(Hello hello) {
    ByteBuffer bytes = hello.getClientId().asReadOnlyByteBuffer();
    return new UUID(bytes.getLong(), bytes.getLong());
  }

  /** Answers a Hello with the node's view of the cluster, or with the error that prevented it. */
  CompletableFuture<NodeMessage> respond(UUID clientId, ClientMessage hello) {
    ClientMessage status = ClientMessage.newBuilder()
        .setRequestId(hello.getRequestId())
        .setClusterStatus(ClusterStatusRequest.getDefaultInstance())
        .setTimeoutMs(hello.getTimeoutMs())
        .build();
    return dispatcher.dispatch(clientId, status).thenApply(answer -> {
      if (answer.hasError()) {
        return answer;
      }
      HelloResponse response = HelloResponse.newBuilder()
          .setProtocolVersion(ConnectionHandler.PROTOCOL_VERSION)
          .setNodeId(answer.getClusterStatus().getNodeId())
          .setCluster(answer.getClusterStatus())
          .build();
      return NodeMessage.newBuilder().setRequestId(hello.getRequestId()).setHello(response).build();
    });
  }
}
