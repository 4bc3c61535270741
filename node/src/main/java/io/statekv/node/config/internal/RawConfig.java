package io.statekv.node.config.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The config file as written, before validation: every field may be absent (null). Field names
 * map to snake_case YAML keys; unknown keys are errors. Also written back out as YAML for the
 * generated configs of the dev cluster.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RawConfig(
    String nodeId,
    String dataDir,
    RawEndpoints listen,
    RawEndpoints advertise,
    List<RawMember> initialMembers,
    RawRaft raft,
    Long requestTimeoutMs,
    RawBatch batch,
    Integer requestBytesMax,
    Integer listPageSizeDefault,
    Integer watchHistoryEventsMax,
    Long watchBatchIntervalMs,
    String logLevel,
    RawSecurity security) {

  /** Addresses, each {@code host:port}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RawEndpoints(String raft, String client, String http) {}

  /** One initial member. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RawMember(String id, String raft, String client, String http) {}

  /** Raft timing and compaction. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RawRaft(Long electionTimeoutMinMs, Long electionTimeoutMaxMs, Long snapshotThresholdEntries) {}

  /** Batching. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RawBatch(Integer commandsMax, Integer proposalsInFlightMax, Integer pipelineCommandsMin) {}

  /** Security. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RawSecurity(RawTls tls, List<RawToken> tokens) {}

  /** TLS. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RawTls(Boolean enabled, String certFile, String keyFile, String caFile, Boolean clientAuthRequired) {}

  /** A token digest. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RawToken(String name, String sha256, List<String> roles) {}
}
