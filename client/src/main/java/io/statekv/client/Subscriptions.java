package io.statekv.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Durable subscriptions: named filters whose position (the acknowledged revision) the cluster
 * keeps, so that a consumer resumes after a crash or a failover where it left off. Names are 1 to
 * 128 characters of letters, digits, {@code .}, {@code _} and {@code -}, starting with a letter or
 * digit. Thread-safe; the exceptions of {@link StateKvClient} apply.
 */
public interface Subscriptions {

  /**
   * Creates a subscription. It receives every matching change from {@code startRevision}, or from
   * its own creation when {@code startRevision} is 0.
   *
   * @throws ConflictException when the name is taken
   * @throws InvalidArgumentException for a bad name or filter
   */
  SubscriptionInfo create(String name, WatchFilter filter, long startRevision);

  CompletableFuture<SubscriptionInfo> createAsync(String name, WatchFilter filter, long startRevision);

  /** @throws NotFoundException when no subscription has that name */
  SubscriptionInfo get(String name);

  CompletableFuture<SubscriptionInfo> getAsync(String name);

  /** Every subscription, sorted by name. */
  List<SubscriptionInfo> list();

  /**
   * Deletes a subscription; its consumers end with {@link NotFoundException}.
   *
   * @return the subscription as it was
   * @throws NotFoundException when no subscription has that name
   */
  SubscriptionInfo delete(String name);

  CompletableFuture<SubscriptionInfo> deleteAsync(String name);

  /**
   * Starts consuming a subscription from its acknowledged revision + 1. The consumer talks to the
   * leader, which delivers the events and stores the acknowledgements; it follows the leader
   * across failovers. A subscription whose position has left every node's event history ends with
   * {@link CompactedException}: delete it and create it again (after re-reading the data) to go on.
   */
  SubscriptionConsumer consume(String name, WatchListener listener);
}
