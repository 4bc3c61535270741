package io.statekv.node.watch.internal;

import io.statekv.protocol.v1.Error;
import java.util.concurrent.CompletableFuture;

/**
 * What transports ask of the fan-out thread. Each request completes its {@code answer} on the
 * fan-out thread: with null when it succeeded (its messages travel on the stream), or with the
 * error to answer the request with.
 */
public sealed interface FanOutCommand {

  /**
   * Opens a watch from {@code start} (0: the revision after the newest applied one); {@code
   * sharedResponses}: the client reads responses shared with other watches of its connection.
   */
  record Create(Transport transport, long streamId, EventFilter filter, long start, boolean progressNotify,
      boolean sharedResponses, SubscriptionBinding subscription, CompletableFuture<Error> answer)
      implements FanOutCommand {}

  /** Cancels a watch at the client's request. */
  record Cancel(Transport transport, long watchId, CompletableFuture<Error> answer) implements FanOutCommand {}

  /** Sends a progress notification on one watch, or on every watch of the transport (watch id 0). */
  record Progress(Transport transport, long watchId, CompletableFuture<Error> answer) implements FanOutCommand {}

  /** The transport closed: its watches end silently. */
  record Close(Transport transport) implements FanOutCommand {}

  /** Ends every consume stream of a subscription (it was deleted). */
  record EndSubscription(String name, Error reason) implements FanOutCommand {}
}
