package io.statekv.client;

/**
 * One member of the cluster.
 *
 * @param id the node's stable id
 * @param raftAddress host:port of Raft traffic between members
 * @param clientAddress host:port of the client protocol, which this client connects to
 * @param httpAddress host:port of the HTTP gateway, metrics and health; may be empty
 * @param leader true when this member was the leader in the view that listed it
 */
public record Member(String id, String raftAddress, String clientAddress, String httpAddress, boolean leader) {
  /** A member to add: the leader flag is not part of a request. */
  public static Member of(String id, String raftAddress, String clientAddress, String httpAddress) {
    return new Member(id, raftAddress, clientAddress, httpAddress, false);
  }
}
