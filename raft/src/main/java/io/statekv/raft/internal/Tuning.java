package io.statekv.raft.internal;

import java.time.Clock;
import java.time.InstantSource;
import org.apache.ratis.rpc.SupportedRpcType;

/**
 * Knobs of a replica that are not node configuration: the clock the leader stamps entries with,
 * the Ratis transport, the log segment size, and the store factory. Production uses {@link
 * #defaults()}; tests shrink segments so that snapshots purge the log quickly, or control time.
 *
 * @param clock the leader's wall clock for {@code leader_time_ms} and for reads' notion of now
 * @param transport Ratis' transport between members: gRPC (the choice, see docs/raft.md) or Netty
 * @param segmentBytesMax the log segment size; the log is purged a whole closed segment at a time
 * @param stores creates and loads stores
 * @param ratisOverrides raw Ratis properties set last, for measurements of alternatives; none in
 *     production
 */
record Tuning(
    InstantSource clock,
    SupportedRpcType transport,
    long segmentBytesMax,
    StoreFactory stores,
    java.util.Map<String, String> ratisOverrides) {

  /** Ratis' default segment size. */
  static final long SEGMENT_BYTES_MAX_DEFAULT = 8L << 20;

  Tuning {
    ratisOverrides = java.util.Map.copyOf(ratisOverrides);
    if (transport != SupportedRpcType.GRPC && transport != SupportedRpcType.NETTY) {
      throw new IllegalArgumentException("transport must be GRPC or NETTY: " + transport);
    }
    if (segmentBytesMax < 1024) {
      throw new IllegalArgumentException("segmentBytesMax must be at least 1 KiB: " + segmentBytesMax);
    }
  }

  static Tuning defaults() {
    return new Tuning(Clock.systemUTC(), SupportedRpcType.GRPC, SEGMENT_BYTES_MAX_DEFAULT, StoreFactory.DEFAULT, java.util.Map.of());
  }

  Tuning withClock(InstantSource c) {
    return new Tuning(c, transport, segmentBytesMax, stores, ratisOverrides);
  }

  Tuning withTransport(SupportedRpcType t) {
    return new Tuning(clock, t, segmentBytesMax, stores, ratisOverrides);
  }

  Tuning withSegmentBytesMax(long bytes) {
    return new Tuning(clock, transport, bytes, stores, ratisOverrides);
  }

  Tuning withStores(StoreFactory s) {
    return new Tuning(clock, transport, segmentBytesMax, s, ratisOverrides);
  }

  Tuning withRatisOverrides(java.util.Map<String, String> overrides) {
    return new Tuning(clock, transport, segmentBytesMax, stores, overrides);
  }
}
