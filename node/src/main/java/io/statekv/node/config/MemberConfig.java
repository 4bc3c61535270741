package io.statekv.node.config;

import io.statekv.raft.Member;

/** One member a new cluster bootstraps with: its id and the addresses its peers dial. */
public record MemberConfig(String id, Endpoints addresses) {

  /** The member as the replica knows it. */
  public Member toMember() {
    return new Member(id, addresses.raft().toString(), addresses.client().toString(), addresses.http().toString());
  }
}
