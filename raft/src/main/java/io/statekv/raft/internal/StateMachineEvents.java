package io.statekv.raft.internal;

import java.util.concurrent.CompletableFuture;
import org.apache.ratis.protocol.RaftPeerId;

/**
 * What the state machine reports to its replica. Ratis calls the state machine under its own
 * locks, so implementations only hand work to their own threads and return.
 */
interface StateMachineEvents {

  void onLeaderChanged(RaftPeerId leaderId);

  void onLeaderReady();

  void onConfigurationChanged();

  /** Ratis closed the state machine: on the replica's own close, or when it shut the division down. */
  void onStateMachineClosed();

  /** A follower asks this node, as leader, for a read index (see {@link ReadBarriers}). */
  CompletableFuture<Long> readIndexForFollower();
}
