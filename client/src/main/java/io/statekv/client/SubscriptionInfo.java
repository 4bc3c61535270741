package io.statekv.client;

/**
 * A durable subscription as the cluster stores it. Immutable.
 *
 * @param ackedRevision every matching event at or below it was acknowledged; consuming resumes after it
 * @param createRevision the revision of the subscription's creation
 * @param createdAt leader time of creation, epoch milliseconds
 * @param updatedAt leader time of the last acknowledgement (or of the creation)
 */
public record SubscriptionInfo(
    String name, WatchFilter filter, long ackedRevision, long createRevision, long createdAt, long updatedAt) {}
