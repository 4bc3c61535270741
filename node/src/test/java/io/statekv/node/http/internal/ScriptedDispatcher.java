package io.statekv.node.http.internal;

import io.statekv.node.dispatch.Dispatcher;
import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.NodeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A dispatcher for gateway tests: it records every request it is handed and answers with what the
 * test scripted. It stands in for the node behind the gateway, not for the gateway under test.
 */
final class ScriptedDispatcher implements Dispatcher {
  private final List<ClientMessage> received = new ArrayList<>();
  private volatile Function<ClientMessage, CompletableFuture<NodeMessage>> answer =
      m -> CompletableFuture.failedFuture(new AssertionError("no answer scripted for " + m));

  @Override
  public synchronized CompletableFuture<NodeMessage> dispatch(UUID clientId, ClientMessage message) {
    if (clientId != null) {
      throw new AssertionError("the HTTP gateway has no session, yet passed client id " + clientId);
    }
    received.add(message);
    return answer.apply(message);
  }

  void answerWith(NodeMessage response) {
    answer = m -> CompletableFuture.completedFuture(response.toBuilder().setRequestId(m.getRequestId()).build());
  }

  void answerWith(Function<ClientMessage, CompletableFuture<NodeMessage>> f) {
    answer = f;
  }

  synchronized List<ClientMessage> takeReceived() {
    List<ClientMessage> copy = List.copyOf(received);
    received.clear();
    return copy;
  }
}
