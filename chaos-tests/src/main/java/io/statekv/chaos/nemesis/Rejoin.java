package io.statekv.chaos.nemesis;

import io.statekv.chaos.cluster.Await;
import io.statekv.chaos.cluster.ClusterNode;
import io.statekv.chaos.cluster.ClusterStatus;
import io.statekv.chaos.cluster.NodeAddress;
import io.statekv.client.Member;

/**
 * Brings a running node that left the Raft group back in. The node must answer {@code /healthz}
 * first: a node that was just started may take seconds before its Raft port listens. Then the
 * leader is asked to add it until the leader's member list names it. Asking again is how the
 * outcome is learnt, not a way around a failure: an empty node catches up by snapshot install
 * before the new configuration commits, which can outlast one admin request, and a request that
 * timed out may still have added it. Stateless.
 */
public final class Rejoin {
  private Rejoin() {}

  /**
   * Adds {@code node} back and returns once the leader lists it as a member.
   *
   * @throws Await.AwaitTimeoutException if that does not happen within the context's ready
   *     timeout; the last refusal is attached
   */
  public static void addBack(NemesisContext context, ClusterNode node) {
    NodeAddress a = node.address();
    Await.condition(node.id() + " to answer /healthz", context.readyTimeout(),
        () -> context.cluster().http().json(a, "/healthz").isPresent());
    Member member = Member.of(a.id(), a.raftEndpoint(), a.clientEndpoint(), a.httpEndpoint());
    Await.condition("the leader to list " + node.id() + " as a member", context.readyTimeout(),
        () -> listedByLeader(context, node) || added(context, member));
  }

  /**
   * Whether the node is still a member, as the leader sees it once one answers; true when none does
   * in the ready timeout, since wiping a member's disk on a guess is what must never happen.
   */
  public static boolean stillMember(NemesisContext context, ClusterNode node) {
    try {
      ClusterStatus status = Await.until("a leader to list the members", context.readyTimeout(),
          context::leaderStatus);
      return status.memberIds().contains(node.id());
    } catch (Await.AwaitTimeoutException e) {
      return true;
    }
  }

  /** True if the leader's view names the node; false when no leader answers. */
  static boolean listedByLeader(NemesisContext context, ClusterNode node) {
    return context.leaderStatus().map(s -> s.memberIds().contains(node.id())).orElse(false);
  }

  /** Asks once; a refusal propagates and counts as "not yet" in the caller's await. */
  private static boolean added(NemesisContext context, Member member) {
    context.admin().addMember(member);
    return true;
  }
}
