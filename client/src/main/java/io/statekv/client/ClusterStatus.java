package io.statekv.client;

import java.util.List;
import java.util.Optional;

/**
 * One node's view of the cluster. Immutable.
 *
 * @param members every member of the current configuration
 * @param leaderId the leader's id; empty when the answering node knew none
 * @param term the Raft term
 * @param commitIndex the highest log index known committed
 * @param appliedIndex the highest log index the answering node has applied
 * @param nodeId the node that answered
 */
public record ClusterStatus(
    List<Member> members, String leaderId, long term, long commitIndex, long appliedIndex, String nodeId) {
  public ClusterStatus {
    members = List.copyOf(members);
  }

  /** The leader, when known. */
  public Optional<Member> leader() {
    return members.stream().filter(m -> m.id().equals(leaderId)).findFirst();
  }
}
