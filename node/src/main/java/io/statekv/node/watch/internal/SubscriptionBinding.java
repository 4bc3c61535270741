package io.statekv.node.watch.internal;

/**
 * What binds a consume stream to its subscription: the name, and the revision at which that
 * subscription was created, so that acknowledgements never move the cursor of a subscription
 * deleted and created again under the same name.
 */
record SubscriptionBinding(String name, long createRevision) {}
