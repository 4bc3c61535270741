package io.statekv.chaos.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What cluster to start: how many nodes, from which local image, where its files go and how the
 * nodes are configured. Immutable and validated once.
 *
 * @param nodes the number of nodes, 3 or 5
 * @param image a locally built image reference, such as {@code statekv/node:3f2a...}; never pulled
 * @param workDir the host directory that receives each node's data dir, config and log
 * @param readyTimeout how long to wait for every node's {@code /readyz} after a (re)start
 * @param snapshotThresholdEntries the nodes' {@code raft.snapshot_threshold_entries}; small, so that
 *     runs take snapshots and wiped nodes rejoin by snapshot install
 * @param electionTimeoutMinMs the nodes' minimum election timeout
 * @param electionTimeoutMaxMs the nodes' maximum election timeout
 * @param nodeCommand the arguments after the image, with {@value #CONFIG_PLACEHOLDER} replaced by
 *     the path of the node's config file inside the container
 */
public record ClusterSpec(
    int nodes, String image, Path workDir, Duration readyTimeout, long snapshotThresholdEntries,
    int electionTimeoutMinMs, int electionTimeoutMaxMs, List<String> nodeCommand) {

  /** The placeholder for the config file in {@link #nodeCommand}. */
  public static final String CONFIG_PLACEHOLDER = "{config}";
  /** The node command of the statekv node image. */
  public static final List<String> NODE_COMMAND = List.of("node", "--config", CONFIG_PLACEHOLDER);
  /** Most nodes a test cluster may have. */
  public static final int NODES_MAX = 5;
  /** The default readiness deadline: three JVMs starting at once on two cores take up to 14 s. */
  public static final Duration READY_TIMEOUT_DEFAULT = Duration.ofSeconds(90);
  /**
   * The node's minimum: a short run of a few hundred log entries takes several snapshots and purges
   * the log behind them, so that corrupt-snapshot finds a snapshot to damage and a wiped or
   * re-added node has to install one.
   */
  public static final long SNAPSHOT_THRESHOLD_ENTRIES_DEFAULT = 100;

  public ClusterSpec {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(readyTimeout, "readyTimeout");
    nodeCommand = List.copyOf(nodeCommand);
    if (nodes != 3 && nodes != NODES_MAX) {
      throw new IllegalArgumentException("a test cluster has 3 or 5 nodes, not " + nodes);
    }
    if (image.isBlank()) {
      throw new IllegalArgumentException("image must not be blank");
    }
    if (readyTimeout.isNegative() || readyTimeout.isZero()) {
      throw new IllegalArgumentException("readyTimeout must be positive: " + readyTimeout);
    }
    if (snapshotThresholdEntries < 100) {
      throw new IllegalArgumentException(
          "snapshotThresholdEntries must be at least 100 (the node's minimum), not "
              + snapshotThresholdEntries);
    }
    if (electionTimeoutMinMs <= 0 || electionTimeoutMaxMs <= electionTimeoutMinMs) {
      throw new IllegalArgumentException("election timeouts must satisfy 0 < min < max, not "
          + electionTimeoutMinMs + " and " + electionTimeoutMaxMs);
    }
  }

  /** A spec with every default: 1-2 s election timeouts, as measured stable on two cores. */
  public static ClusterSpec of(int nodes, String image, Path workDir) {
    return new ClusterSpec(nodes, image, workDir, READY_TIMEOUT_DEFAULT,
        SNAPSHOT_THRESHOLD_ENTRIES_DEFAULT, 1000, 2000, NODE_COMMAND);
  }

  /** This spec with another node command, for images whose entrypoint takes other arguments. */
  public ClusterSpec withNodeCommand(List<String> command) {
    return new ClusterSpec(nodes, image, workDir, readyTimeout, snapshotThresholdEntries,
        electionTimeoutMinMs, electionTimeoutMaxMs, command);
  }

  /** This spec with another readiness deadline. */
  public ClusterSpec withReadyTimeout(Duration timeout) {
    return new ClusterSpec(nodes, image, workDir, timeout, snapshotThresholdEntries,
        electionTimeoutMinMs, electionTimeoutMaxMs, nodeCommand);
  }
}
