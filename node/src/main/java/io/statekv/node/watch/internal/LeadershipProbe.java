package io.statekv.node.watch.internal;

import io.statekv.protocol.v1.Error;

/** Tells whether this node leads; consume streams live on the leader only. Thread-safe. */
@FunctionalInterface
public interface LeadershipProbe {

  /** Null while this node is the leader; otherwise the {@code not_leader} error, with the leader's hint when known. */
  Error notLeader();
}
