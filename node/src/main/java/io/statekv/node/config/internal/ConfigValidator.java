package io.statekv.node.config.internal;

import io.statekv.node.config.BatchSettings;
import io.statekv.node.config.ConfigException;
import io.statekv.node.config.Endpoints;
import io.statekv.node.config.HostPort;
import io.statekv.node.config.MemberConfig;
import io.statekv.node.config.NodeConfig;
import io.statekv.node.config.RaftSettings;
import io.statekv.node.config.internal.RawConfig.RawEndpoints;
import io.statekv.node.config.internal.RawConfig.RawRaft;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Turns a {@link RawConfig} into a {@link NodeConfig}, filling defaults and naming every problem. */
public final class ConfigValidator {
  private ConfigValidator() {}

  /** Node ids: short, and safe in file names, metric tags and URLs. */
  public static final Pattern NODE_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  /**
   * Validates a raw config.
   *
   * @param source names the config (its file) in the error
   * @param baseDir the directory relative data dirs are resolved against
   * @param earlier problems found while reading (unknown fields), reported first
   * @throws ConfigException listing every problem
   */
  public static NodeConfig validate(String source, RawConfig raw, Path baseDir, List<String> earlier) {
    if (raw == null) {
      throw new ConfigException(source, List.of("the file is empty; node_id, data_dir, listen and initial_members are required"));
    }
    Problems p = new Problems();
    earlier.forEach(p::addLine);
    String nodeId = nodeId(p, "node_id", raw.nodeId());
    String dataDir = p.required("data_dir", raw.dataDir());
    Endpoints listen = endpoints(p, "listen", raw.listen());
    Endpoints advertise = advertise(p, listen, raw.advertise());
    List<MemberConfig> members = MemberRules.members(p, raw.initialMembers());
    RaftSettings raft = raft(p, raw.raft());
    Duration timeout =
        p.millis("request_timeout_ms", raw.requestTimeoutMs(), NodeConfig.REQUEST_TIMEOUT_DEFAULT,
            NodeConfig.REQUEST_TIMEOUT_FLOOR, NodeConfig.REQUEST_TIMEOUT_CEILING);
    BatchSettings batch = batch(p, raw.batch());
    int requestBytesMax =
        p.inRange("request_bytes_max", raw.requestBytesMax(), NodeConfig.REQUEST_BYTES_MAX_DEFAULT,
            NodeConfig.REQUEST_BYTES_MAX_FLOOR, NodeConfig.REQUEST_BYTES_MAX_CEILING);
    int pageSize =
        p.inRange("list_page_size_default", raw.listPageSizeDefault(), NodeConfig.LIST_PAGE_SIZE_DEFAULT,
            1, io.statekv.storage.Limits.LIST_LIMIT_MAX);
    int history =
        p.inRange("watch_history_events_max", raw.watchHistoryEventsMax(),
            NodeConfig.WATCH_HISTORY_EVENTS_MAX_DEFAULT, 1, NodeConfig.WATCH_HISTORY_EVENTS_MAX_CEILING);
    Duration watchBatch =
        p.millis("watch_batch_interval_ms", raw.watchBatchIntervalMs(), NodeConfig.WATCH_BATCH_INTERVAL_DEFAULT,
            Duration.ZERO, NodeConfig.WATCH_BATCH_INTERVAL_CEILING);
    String logLevel = logLevel(p, raw.logLevel());
    var security = SecurityRules.security(p, raw.security());
    if (nodeId != null && advertise != null && members != null) {
      MemberRules.checkSelf(p, nodeId, advertise, members);
    }
    if (!p.isEmpty()) {
      throw new ConfigException(source, p.list());
    }
    return new NodeConfig(nodeId, baseDir.resolve(dataDir).normalize(), listen, advertise, members, raft,
        timeout, batch, requestBytesMax, pageSize, history, watchBatch, logLevel, security);
  }

  static String nodeId(Problems p, String field, String id) {
    if (p.required(field, id) == null) {
      return null;
    }
    if (!NODE_ID.matcher(id).matches()) {
      p.add(field, "'" + id + "' must match " + NODE_ID.pattern() + " (lower case letters, digits, '-' and '_')");
      return null;
    }
    return id;
  }

  private static Endpoints endpoints(Problems p, String field, RawEndpoints raw) {
    if (raw == null) {
      p.add(field, "is required, with raft, client and http addresses");
      return null;
    }
    HostPort raft = p.address(field + ".raft", raw.raft());
    HostPort client = p.address(field + ".client", raw.client());
    HostPort http = p.address(field + ".http", raw.http());
    if (raft == null || client == null || http == null) {
      return null;
    }
    if (raft.equals(client) || raft.equals(http) || client.equals(http)) {
      p.add(field, "raft, client and http need three different addresses");
    }
    return new Endpoints(raft, client, http);
  }

  /** Each advertised address defaults to its listen address, unless that binds a wildcard. */
  private static Endpoints advertise(Problems p, Endpoints listen, RawEndpoints raw) {
    if (listen == null) {
      return null;
    }
    RawEndpoints given = raw == null ? new RawEndpoints(null, null, null) : raw;
    HostPort raft = advertised(p, "raft", listen.raft(), given.raft());
    HostPort client = advertised(p, "client", listen.client(), given.client());
    HostPort http = advertised(p, "http", listen.http(), given.http());
    if (raft != null && raft.port() != listen.raft().port()) {
      // The replica binds the address its peers dial (ReplicaConfig has no separate bind address).
      p.add("advertise.raft", "port " + raft.port() + " differs from listen.raft's " + listen.raft().port()
          + "; Raft binds its advertised address, so the ports must match");
    }
    return raft == null || client == null || http == null ? null : new Endpoints(raft, client, http);
  }

  private static HostPort advertised(Problems p, String name, HostPort listen, String given) {
    if (given != null) {
      HostPort address = p.address("advertise." + name, given);
      if (address != null && address.isWildcard()) {
        p.add("advertise." + name, address + " binds every interface; advertise an address peers can dial");
        return null;
      }
      return address;
    }
    if (listen.isWildcard()) {
      p.add("advertise." + name, "is required because listen." + name + " is the wildcard " + listen);
      return null;
    }
    return listen;
  }

  private static RaftSettings raft(Problems p, RawRaft raw) {
    RawRaft r = raw == null ? new RawRaft(null, null, null) : raw;
    Duration min = p.millis("raft.election_timeout_min_ms", r.electionTimeoutMinMs(),
        NodeConfig.ELECTION_TIMEOUT_MIN_DEFAULT, NodeConfig.ELECTION_TIMEOUT_FLOOR, NodeConfig.ELECTION_TIMEOUT_CEILING);
    Duration max = p.millis("raft.election_timeout_max_ms", r.electionTimeoutMaxMs(),
        NodeConfig.ELECTION_TIMEOUT_MAX_DEFAULT, NodeConfig.ELECTION_TIMEOUT_FLOOR, NodeConfig.ELECTION_TIMEOUT_CEILING);
    if (min.compareTo(max) >= 0) {
      p.add("raft.election_timeout_max_ms", max.toMillis() + " must be above election_timeout_min_ms " + min.toMillis());
    }
    long threshold = p.inRange("raft.snapshot_threshold_entries", r.snapshotThresholdEntries(),
        NodeConfig.SNAPSHOT_THRESHOLD_ENTRIES_DEFAULT, NodeConfig.SNAPSHOT_THRESHOLD_ENTRIES_FLOOR, Long.MAX_VALUE);
    return new RaftSettings(min, max, threshold);
  }

  private static BatchSettings batch(Problems p, RawConfig.RawBatch raw) {
    RawConfig.RawBatch b = raw == null ? new RawConfig.RawBatch(null, null, null) : raw;
    int commands = p.inRange("batch.commands_max", b.commandsMax(), NodeConfig.BATCH_COMMANDS_MAX_DEFAULT,
        1, NodeConfig.BATCH_COMMANDS_MAX_CEILING);
    int inFlight = p.inRange("batch.proposals_in_flight_max", b.proposalsInFlightMax(),
        NodeConfig.PROPOSALS_IN_FLIGHT_MAX_DEFAULT, 1, NodeConfig.PROPOSALS_IN_FLIGHT_MAX_CEILING);
    int pipeline = p.inRange("batch.pipeline_commands_min", b.pipelineCommandsMin(),
        NodeConfig.PIPELINE_COMMANDS_MIN_DEFAULT, 0, NodeConfig.BATCH_COMMANDS_MAX_CEILING);
    return new BatchSettings(commands, inFlight, pipeline);
  }

  private static String logLevel(Problems p, String raw) {
    if (raw == null) {
      return NodeConfig.LOG_LEVEL_DEFAULT;
    }
    String level = raw.toLowerCase(Locale.ROOT);
    if (!NodeConfig.LOG_LEVELS.contains(level)) {
      p.add("log_level", "'" + raw + "' is not one of " + NodeConfig.LOG_LEVELS);
    }
    return level;
  }
}
