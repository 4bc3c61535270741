package io.statekv.raft;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything a replica needs to start, validated once. Node-local: nothing here may change the
 * results of apply (those settings live in the replicated state).
 *
 * @param self this node
 * @param initialMembers the members a brand-new cluster bootstraps with (including {@code self});
 *     ignored when the data dir already holds a group. A node whose {@code self} is not among them
 *     starts with an empty group and waits for the leader to add it ({@link Replica#addMember})
 * @param dataDir the node's directory for the Raft log and snapshots; locked against a second
 *     process
 * @param electionTimeoutMin the lower bound of Raft's randomized election timeout
 * @param electionTimeoutMax the upper bound
 * @param snapshotThresholdEntries log entries after which a snapshot is taken and the log purged
 * @param requestTimeout how long a proposal or read barrier may take before it fails as {@code
 *     timeout}
 * @param batchCommandsMax client commands in one log entry at most
 * @param proposalsInFlightMax log entries the leader's batcher keeps in flight at once, except for sealed
 *     batches, which cannot grow by waiting (see {@code LeaderBatcher})
 * @param pipelineCommandsMin while entries are in flight, a further entry leaves only once it holds
 *     this many commands per entry in flight, or cannot grow; 0 sends one whenever a slot is free
 */
public record ReplicaConfig(
    Member self,
    List<Member> initialMembers,
    Path dataDir,
    Duration electionTimeoutMin,
    Duration electionTimeoutMax,
    long snapshotThresholdEntries,
    Duration requestTimeout,
    int batchCommandsMax,
    int proposalsInFlightMax,
    int pipelineCommandsMin) {

  public static final Duration ELECTION_TIMEOUT_MIN_DEFAULT = Duration.ofMillis(1000);
  public static final Duration ELECTION_TIMEOUT_MAX_DEFAULT = Duration.ofMillis(2000);
  public static final long SNAPSHOT_THRESHOLD_ENTRIES_DEFAULT = 100_000;
  public static final Duration REQUEST_TIMEOUT_DEFAULT = Duration.ofSeconds(10);
  public static final int BATCH_COMMANDS_MAX_DEFAULT = 512;
  public static final int PROPOSALS_IN_FLIGHT_MAX_DEFAULT = 4;
  public static final int PIPELINE_COMMANDS_MIN_DEFAULT = 8;

  public ReplicaConfig {
    initialMembers = List.copyOf(initialMembers);
    if (electionTimeoutMin.compareTo(electionTimeoutMax) >= 0) {
      throw new IllegalArgumentException("election timeout min must be below max");
    }
    if (snapshotThresholdEntries < 1 || batchCommandsMax < 1 || proposalsInFlightMax < 1) {
      throw new IllegalArgumentException("snapshot threshold, batch size and proposals in flight must be positive");
    }
    if (pipelineCommandsMin < 0) {
      throw new IllegalArgumentException("pipeline commands min must not be negative: " + pipelineCommandsMin);
    }
  }
}
