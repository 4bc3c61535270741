package io.statekv.chaos.nemesis;

import io.statekv.chaos.cluster.ClusterNode;
import io.statekv.chaos.cluster.ClusterStatus;
import io.statekv.chaos.cluster.NodeCluster;
import io.statekv.client.Admin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * What a nemesis acts on: the cluster, the network rules in force, the cluster's admin API and
 * the seeded random source. Used by one nemesis thread at a time.
 *
 * @param cluster the running cluster
 * @param network the iptables rules this run added
 * @param admin membership and leadership changes, through the Java client
 * @param random the seeded source of every choice
 * @param readyTimeout how long a restarted node may take to answer {@code /readyz}
 */
public record NemesisContext(NodeCluster cluster, NetworkRules network, Admin admin, Random random,
    Duration readyTimeout) {

  public NemesisContext {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(admin, "admin");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(readyTimeout, "readyTimeout");
  }

  /** The nodes in a seeded random order. */
  public List<ClusterNode> shuffledNodes() {
    List<ClusterNode> nodes = new ArrayList<>(cluster.nodes());
    Collections.shuffle(nodes, random);
    return nodes;
  }

  /** A random node. */
  public ClusterNode anyNode() {
    return shuffledNodes().get(0);
  }

  /** The largest number of nodes that may fail while a majority remains: 1 of 3, 2 of 5. */
  public int minoritySize() {
    return (cluster.nodes().size() - 1) / 2;
  }

  /** The current leader, if a node names one. */
  public Optional<ClusterNode> leader() {
    return cluster.leader();
  }

  /** The leader's status (its member list, among others), if a node names a leader that answers. */
  public Optional<ClusterStatus> leaderStatus() {
    return leader().flatMap(cluster::status);
  }
}
