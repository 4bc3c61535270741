package io.statekv.raft.internal;

import io.statekv.raft.ReplicaConfig;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.RaftServerConfigKeys.Log.CorruptionPolicy;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/**
 * The Ratis properties of one replica's server and of its internal client. Each server gets its
 * own properties: Ratis binds to the host and port named there. docs/raft.md explains each choice.
 */
final class RatisSettings {
  private RatisSettings() {}

  /** Group-commit bound: the log worker fsyncs at least every this many appended entries. */
  static final int FORCE_SYNC_ENTRIES = 128;

  /** Snapshots kept on disk: the newest and one older to fall back to if the newest is corrupt. */
  static final int SNAPSHOTS_RETAINED = 2;

  /** Ratis' default purge gap: log entries purged at least at once. */
  static final int PURGE_GAP_MAX = 1024;

  /** gRPC message bound, above the largest entry plus framing. */
  static final SizeInBytes MESSAGE_BYTES_MAX = SizeInBytes.valueOf(2L * LeaderBatcher.ENTRY_BYTES_MAX);

  /**
   * How long Ratis' retry cache keeps replies. Our proposals never retry a call id, and client
   * exactly-once lives in the store's sessions, so a short time bounds the memory it holds.
   */
  static final Duration RETRY_CACHE_EXPIRY = Duration.ofSeconds(2);

  static RaftProperties server(ReplicaConfig config, Tuning tuning, Path raftDir, String host, int port) {
    RaftProperties p = new RaftProperties();
    RaftServerConfigKeys.setStorageDir(p, List.of(raftDir.toFile()));
    RaftConfigKeys.Rpc.setType(p, new TrackingRpcType());
    transport(p, tuning.transport(), host, port);
    elections(p, config);
    snapshots(p, config);
    log(p, tuning);
    reads(p, config);
    RaftServerConfigKeys.Write.setByteLimit(p, SizeInBytes.valueOf(writeBytesLimit(config)));
    RaftServerConfigKeys.RetryCache.setExpiryTime(p, millis(RETRY_CACHE_EXPIRY));
    tuning.ratisOverrides().forEach(p::set);
    return p;
  }

  /**
   * Ratis' bound on the bytes of pending writes: never below what the batcher may have in flight,
   * its slots of up to one entry each, plus sealed batches beyond them (at most
   * {@link LeaderBatcher#OVERFLOW_BYTES_MAX} and one batch more), plus one entry to spare.
   */
  static long writeBytesLimit(ReplicaConfig config) {
    return (long) (config.proposalsInFlightMax() + 1) * LeaderBatcher.ENTRY_BYTES_MAX
        + LeaderBatcher.OVERFLOW_BYTES_MAX + LeaderBatcher.BATCH_BYTES_MAX;
  }

  private static void transport(RaftProperties p, SupportedRpcType transport, String host, int port) {
    if (transport == SupportedRpcType.GRPC) {
      GrpcConfigKeys.Server.setHost(p, host);
      GrpcConfigKeys.Server.setPort(p, port);
      GrpcConfigKeys.setMessageSizeMax(p, MESSAGE_BYTES_MAX);
    } else {
      // Netty is only measured (docs/raft.md); its keys are set by name to keep it off the class path.
      p.set("raft.netty.server.host", host);
      p.setInt("raft.netty.server.port", port);
    }
  }

  private static void elections(RaftProperties p, ReplicaConfig config) {
    RaftServerConfigKeys.Rpc.setTimeoutMin(p, millis(config.electionTimeoutMin()));
    RaftServerConfigKeys.Rpc.setTimeoutMax(p, millis(config.electionTimeoutMax()));
    // Pre-vote makes followers that still hear their leader refuse candidates; the lease needs it.
    RaftServerConfigKeys.LeaderElection.setPreVote(p, true);
  }

  private static void snapshots(RaftProperties p, ReplicaConfig config) {
    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, config.snapshotThresholdEntries());
    RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, SNAPSHOTS_RETAINED);
    RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(p, true);
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
    // Keep a snapshot interval of log behind the newest snapshot, so that the previous snapshot
    // can still be continued by the log if the newest fails verification.
    RaftServerConfigKeys.Log.setPurgePreservationLogNum(p, config.snapshotThresholdEntries());
    // Ratis purges only once this many entries can go; never wait longer than a snapshot interval.
    RaftServerConfigKeys.Log.setPurgeGap(p, (int) Math.min(PURGE_GAP_MAX, config.snapshotThresholdEntries()));
  }

  /** The largest log entry Ratis writes, sends and reads back (its append buffer and maxOpSize). */
  static SizeInBytes entryBytesMax() {
    return SizeInBytes.valueOf(LeaderBatcher.ENTRY_BYTES_MAX);
  }

  private static void log(RaftProperties p, Tuning tuning) {
    SizeInBytes entryMax = entryBytesMax();
    RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(tuning.segmentBytesMax()));
    RaftServerConfigKeys.Log.setPreallocatedSize(p, SizeInBytes.valueOf(Math.min(tuning.segmentBytesMax(), 4L << 20)));
    RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, entryMax);
    RaftServerConfigKeys.Log.setWriteBufferSize(p, SizeInBytes.valueOf(entryMax.getSize() + 64));
    RaftServerConfigKeys.Log.setForceSyncNum(p, FORCE_SYNC_ENTRIES);
    RaftServerConfigKeys.Log.setUnsafeFlushEnabled(p, false);
    RaftServerConfigKeys.Log.setAsyncFlushEnabled(p, false);
    RaftServerConfigKeys.Log.setCorruptionPolicy(p, CorruptionPolicy.WARN_AND_RETURN);
  }

  private static void reads(RaftProperties p, ReplicaConfig config) {
    RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
    RaftServerConfigKeys.Read.setLeaderLeaseEnabled(p, false);
    RaftServerConfigKeys.Read.setTimeout(p, millis(config.requestTimeout()));
  }

  /** The internal client a follower uses to ask the leader for a read index. */
  static RaftProperties client(ReplicaConfig config, Tuning tuning) {
    RaftProperties p = new RaftProperties();
    RaftConfigKeys.Rpc.setType(p, tuning.transport());
    if (tuning.transport() == SupportedRpcType.GRPC) {
      GrpcConfigKeys.setMessageSizeMax(p, MESSAGE_BYTES_MAX);
    }
    RaftClientConfigKeys.Rpc.setRequestTimeout(p, millis(config.requestTimeout()));
    return p;
  }

  static File storageDir(Path dataDir) {
    return dataDir.resolve("raft").toFile();
  }

  private static TimeDuration millis(Duration d) {
    return TimeDuration.valueOf(d.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }
}
