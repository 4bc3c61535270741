package io.statekv.client.internal;

import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.SubscriptionConsumeRequest;
import io.statekv.protocol.v1.WatchCreateRequest;
import io.statekv.protocol.v1.WatchFilter;

/**
 * How a resumable stream opens on a node: a plain watch from a revision on any node, or a consume
 * stream of a subscription on the leader, which resumes from the cursor the cluster stores.
 */
interface StreamOpening {

  /** The request that opens the stream, resuming at {@code from} (0: the node's next change). */
  ClientMessage.Builder request(long from);

  /** True when only the leader serves the stream. */
  boolean leaderOnly();

  /** True when events already delivered are dropped after a resume (a plain watch resumes exactly). */
  boolean exactlyOnce();

  static StreamOpening watch(WatchFilter filter, boolean progressNotify) {
    return new StreamOpening() {
      @Override
      public ClientMessage.Builder request(long from) {
        return ClientMessage.newBuilder().setWatchCreate(WatchCreateRequest.newBuilder()
            .setFilter(filter).setStartRevision(from).setProgressNotify(progressNotify).setSharedResponses(true));
      }

      @Override
      public boolean leaderOnly() {
        return false;
      }

      @Override
      public boolean exactlyOnce() {
        return true;
      }
    };
  }

  static StreamOpening consume(String name) {
    return new StreamOpening() {
      @Override
      public ClientMessage.Builder request(long from) {
        return ClientMessage.newBuilder().setSubscriptionConsume(
            SubscriptionConsumeRequest.newBuilder().setName(name).setProgressNotify(true));
      }

      @Override
      public boolean leaderOnly() {
        return true;
      }

      @Override
      public boolean exactlyOnce() {
        return false;
      }
    };
  }
}
