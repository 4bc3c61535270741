package io.statekv.chaos.nemesis;

import io.statekv.chaos.cluster.ClusterNode;
import io.statekv.chaos.cluster.ClusterStatus;
import io.statekv.chaos.cluster.NodeCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The end-of-run check that every node holds the same state: all nodes answer, agree on the
 * leader and the member set, and, once writes have stopped, hash their whole applied state at the
 * same applied index to the same digest ({@code GET /v1/cluster?state_hash=true}). A node that
 * sends no hash never counts as converged.
 */
public final class Convergence {
  private Convergence() {}

  /**
   * The outcome.
   *
   * @param converged true if every node reported the same view within the deadline
   * @param statuses the last status each node reported (absent for a node that did not answer)
   * @param note why it did not converge, or which fields were compared
   */
  public record Result(boolean converged, Map<String, ClusterStatus> statuses, String note) {}

  /** Polls every node until they agree or {@code timeout} passes. */
  public static Result await(NodeCluster cluster, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, ClusterStatus> statuses;
    String problem;
    do {
      statuses = new LinkedHashMap<>();
      for (ClusterNode node : cluster.nodes()) {
        Optional<ClusterStatus> status = cluster.status(node);
        if (status.isPresent()) {
          statuses.put(node.id(), status.get());
        }
      }
      problem = disagreement(cluster, statuses);
      if (problem == null) {
        return new Result(true, statuses,
            "nodes agree on leader, members, and state hash at one applied index");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    } while (System.nanoTime() - deadline < 0);
    return new Result(false, statuses, problem);
  }

  /** What the statuses disagree on, or null when they agree. */
  static String disagreement(NodeCluster cluster, Map<String, ClusterStatus> statuses) {
    List<String> missing = new ArrayList<>();
    for (ClusterNode node : cluster.nodes()) {
      if (!statuses.containsKey(node.id())) {
        missing.add(node.id());
      }
    }
    if (!missing.isEmpty()) {
      return "no status from " + missing;
    }
    return disagreement(statuses);
  }

  /** What the statuses disagree on, or null when they agree. */
  public static String disagreement(Map<String, ClusterStatus> statuses) {
    Set<String> leaders = new TreeSet<>();
    Set<List<String>> memberSets = new java.util.HashSet<>();
    Set<Long> applied = new TreeSet<>();
    Set<String> hashes = new TreeSet<>();
    List<String> unhashed = new ArrayList<>();
    for (ClusterStatus s : statuses.values()) {
      hashes.add(String.valueOf(s.stateHash()));
      leaders.add(String.valueOf(s.leaderId()));
      memberSets.add(s.memberIds().stream().sorted().toList());
      applied.add(s.stateHashAppliedIndex());
      if (s.stateHash() == null) {
        unhashed.add(s.nodeId());
      }
    }
    if (leaders.size() != 1 || leaders.contains("null")) {
      return "nodes name different leaders or none: " + leaders;
    }
    if (memberSets.size() != 1) {
      return "nodes see different member sets: " + memberSets;
    }
    if (!unhashed.isEmpty()) {
      return "no state hash from " + unhashed;
    }
    if (applied.size() != 1) {
      return "state hashes were taken at different applied indexes: " + applied;
    }
    if (hashes.size() != 1) {
      return "state hashes differ at applied index " + applied + ": " + hashes;
    }
    return null;
  }
}
