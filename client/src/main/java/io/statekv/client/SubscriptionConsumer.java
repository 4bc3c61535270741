package io.statekv.client;

import java.util.concurrent.CompletableFuture;

/**
 * A running consumer of a durable subscription: a {@link Watch} whose position is kept by the
 * cluster. Events are delivered at least once: after a failure the consumer resumes from the last
 * acknowledged revision, so events delivered but not yet acknowledged are delivered again.
 *
 * <p>While the consumer is quiet and every delivered event is acknowledged, the client
 * acknowledges the node's progress notifications itself, so that a subscription whose filter
 * rarely matches does not fall behind the nodes' event history. Thread-safe.
 */
public interface SubscriptionConsumer extends Watch {

  /**
   * Acknowledges every event at or below {@code revision}: once the answer comes, the subscription
   * resumes after it. Acknowledgements are coalesced by the leader into few log writes.
   *
   * @return the subscription's acknowledged revision after the write
   * @throws InvalidArgumentException (in the future) when {@code revision} is beyond what this
   *     consumer has delivered
   * @throws UnavailableException (in the future) when the consumer is resuming after a failure;
   *     the events after the last stored acknowledgement will be delivered again
   */
  CompletableFuture<Long> ack(long revision);
}
