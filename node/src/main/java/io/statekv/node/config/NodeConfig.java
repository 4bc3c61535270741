package io.statekv.node.config;

import io.statekv.node.watch.WatchConfig;
import io.statekv.raft.ReplicaConfig;
import io.statekv.storage.Limits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything one node needs to run, loaded from YAML by {@link ConfigLoader} and validated once.
 * Node-local: nothing here may change the results of apply (those settings are replicated).
 * Immutable and thread-safe.
 *
 * <p>The defaults below are written out again, commented, in {@code
 * deploy/config/node.example.yaml}; a test keeps the two in step.
 *
 * @param nodeId this node's stable id, such as {@code n1}
 * @param dataDir where the Raft log, snapshots and the store live; locked against a second process
 * @param listen the addresses this node binds
 * @param advertise the addresses peers and clients dial (defaults to {@code listen})
 * @param initialMembers the members a brand-new cluster bootstraps with, including this node
 * @param raft Raft timing and log compaction
 * @param requestTimeout how long a request may take before it fails as {@code timeout}
 * @param batch how the leader batches commands into log entries
 * @param requestBytesMax the largest client frame or HTTP body accepted
 * @param listPageSizeDefault the page size of a list that names no limit
 * @param watchHistoryEventsMax recent change events kept for watches that start in the past
 * @param watchBatchInterval the least time between two fan-out rounds that send live events
 * @param logLevel the root log level: trace, debug, info, warn or error
 * @param security TLS and tokens (parsed, not yet enforced)
 */
public record NodeConfig(
    String nodeId,
    Path dataDir,
    Endpoints listen,
    Endpoints advertise,
    List<MemberConfig> initialMembers,
    RaftSettings raft,
    Duration requestTimeout,
    BatchSettings batch,
    int requestBytesMax,
    int listPageSizeDefault,
    int watchHistoryEventsMax,
    Duration watchBatchInterval,
    String logLevel,
    SecuritySettings security) {

  public static final Duration ELECTION_TIMEOUT_MIN_DEFAULT = ReplicaConfig.ELECTION_TIMEOUT_MIN_DEFAULT;
  public static final Duration ELECTION_TIMEOUT_MAX_DEFAULT = ReplicaConfig.ELECTION_TIMEOUT_MAX_DEFAULT;
  public static final long SNAPSHOT_THRESHOLD_ENTRIES_DEFAULT = ReplicaConfig.SNAPSHOT_THRESHOLD_ENTRIES_DEFAULT;
  public static final Duration REQUEST_TIMEOUT_DEFAULT = ReplicaConfig.REQUEST_TIMEOUT_DEFAULT;
  public static final int BATCH_COMMANDS_MAX_DEFAULT = ReplicaConfig.BATCH_COMMANDS_MAX_DEFAULT;
  public static final int PROPOSALS_IN_FLIGHT_MAX_DEFAULT = ReplicaConfig.PROPOSALS_IN_FLIGHT_MAX_DEFAULT;
  public static final int PIPELINE_COMMANDS_MIN_DEFAULT = ReplicaConfig.PIPELINE_COMMANDS_MIN_DEFAULT;
  public static final int REQUEST_BYTES_MAX_DEFAULT = Limits.REQUEST_BYTES_MAX;
  public static final int LIST_PAGE_SIZE_DEFAULT = 1_000;
  public static final int WATCH_HISTORY_EVENTS_MAX_DEFAULT = 100_000;
  public static final Duration WATCH_BATCH_INTERVAL_DEFAULT = WatchConfig.BATCH_INTERVAL_DEFAULT;
  public static final Duration WATCH_BATCH_INTERVAL_CEILING = WatchConfig.BATCH_INTERVAL_MAX;
  public static final String LOG_LEVEL_DEFAULT = "info";
  public static final List<String> LOG_LEVELS = List.of("trace", "debug", "info", "warn", "error");

  /**
   * The smallest request_bytes_max: a 1 MiB value (the default value_bytes_max) must fit with its
   * envelope, or the default cluster could not store its largest values.
   */
  public static final int REQUEST_BYTES_MAX_FLOOR = Limits.VALUE_BYTES_MAX_DEFAULT + 64 * 1024;

  /** The largest request_bytes_max: the ceiling of value_bytes_max with room for its envelope. */
  public static final int REQUEST_BYTES_MAX_CEILING = 2 * Limits.VALUE_BYTES_MAX_CEILING;

  public static final int WATCH_HISTORY_EVENTS_MAX_CEILING = 10_000_000;
  public static final long SNAPSHOT_THRESHOLD_ENTRIES_FLOOR = 100;
  public static final Duration ELECTION_TIMEOUT_FLOOR = Duration.ofMillis(50);
  public static final Duration ELECTION_TIMEOUT_CEILING = Duration.ofMinutes(1);
  public static final Duration REQUEST_TIMEOUT_FLOOR = Duration.ofMillis(100);
  public static final Duration REQUEST_TIMEOUT_CEILING = Duration.ofMinutes(10);
  public static final int BATCH_COMMANDS_MAX_CEILING = 10_000;
  public static final int PROPOSALS_IN_FLIGHT_MAX_CEILING = 256;
  public static final int INITIAL_MEMBERS_MAX = 9;

  public NodeConfig {
    initialMembers = List.copyOf(initialMembers);
  }

  /** This node as its peers know it (its advertised addresses). */
  public MemberConfig self() {
    return new MemberConfig(nodeId, advertise);
  }

  /** The replica's part of this config. */
  public ReplicaConfig toReplicaConfig() {
    return new ReplicaConfig(
        self().toMember(),
        initialMembers.stream().map(MemberConfig::toMember).toList(),
        dataDir,
        raft.electionTimeoutMin(),
        raft.electionTimeoutMax(),
        raft.snapshotThresholdEntries(),
        requestTimeout,
        batch.commandsMax(),
        batch.proposalsInFlightMax(),
        batch.pipelineCommandsMin());
  }
}
