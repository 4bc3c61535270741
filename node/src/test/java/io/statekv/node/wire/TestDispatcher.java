package io.statekv.node.wire;

import io.statekv.node.dispatch.Dispatcher;
import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.ClusterStatus;
import io.statekv.protocol.v1.Entry;
import io.statekv.protocol.v1.GetResponse;
import io.statekv.protocol.v1.NodeMessage;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A dispatcher for the protocol server's tests: it answers a get with the key it was asked for,
 * so responses can be matched to requests, and the cluster status with a fixed node id. In
 * holding mode it keeps every get pending until {@link #releaseAll}, counting how many it holds at
 * once. A get of key "throw" throws, to test that a broken dispatcher does not break the server.
 */
final class TestDispatcher implements Dispatcher {
  static final String NODE_ID = "test-node";

  private final boolean holding;
  private final ConcurrentLinkedQueue<Runnable> held = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicInteger pendingMax = new AtomicInteger();
  private final AtomicInteger dispatched = new AtomicInteger();

  TestDispatcher(boolean holding) {
    this.holding = holding;
  }

  @Override
  public CompletableFuture<NodeMessage> dispatch(UUID clientId, ClientMessage message) {
    dispatched.incrementAndGet();
    NodeMessage.Builder answer = NodeMessage.newBuilder().setRequestId(message.getRequestId());
    if (message.hasClusterStatus()) {
      return CompletableFuture.completedFuture(
          answer.setClusterStatus(ClusterStatus.newBuilder().setNodeId(NODE_ID).setLeaderId(NODE_ID)).build());
    }
    if (message.getGet().getKey().equals("throw")) {
      throw new IllegalStateException("a broken dispatcher");
    }
    NodeMessage response = answer.setGet(GetResponse.newBuilder()
        .setEntry(Entry.newBuilder().setScope(message.getGet().getScope()).setKey(message.getGet().getKey()))).build();
    if (!holding) {
      return CompletableFuture.supplyAsync(() -> response);
    }
    CompletableFuture<NodeMessage> future = new CompletableFuture<>();
    int now = pending.incrementAndGet();
    pendingMax.accumulateAndGet(now, Math::max);
    held.add(() -> {
      pending.decrementAndGet();
      future.complete(response);
    });
    return future;
  }

  /** Completes every held request, from another thread as a replica would. */
  void releaseAll() {
    Runnable next;
    while ((next = held.poll()) != null) {
      next.run();
    }
  }

  int pending() {
    return pending.get();
  }

  int pendingMax() {
    return pendingMax.get();
  }

  int dispatched() {
    return dispatched.get();
  }
}
