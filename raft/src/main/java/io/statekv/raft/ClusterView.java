package io.statekv.raft;

import java.util.List;

/**
 * A replica's current view of its group.
 *
 * @param nodeId the answering node
 * @param leaderId the leader's id, or empty when unknown
 * @param term the current Raft term
 * @param commitIndex the highest log index known committed
 * @param appliedIndex the highest log index applied to the local store
 * @param members every member of the current configuration
 * @param leaderReady true when this node is leader and has committed an entry of its term
 */
public record ClusterView(
    String nodeId,
    String leaderId,
    long term,
    long commitIndex,
    long appliedIndex,
    List<Member> members,
    boolean leaderReady) {
  public ClusterView {
    members = List.copyOf(members);
  }
}
