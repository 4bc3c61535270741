package io.statekv.raft.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.statekv.raft.Replica;
import io.statekv.raft.ReplicaConfig;

/** The Apache Ratis replica. (Skeleton: implemented in the raft work.) */
public final class RatisReplica {
  private RatisReplica() {}

  public static Replica create(ReplicaConfig config, MeterRegistry metrics) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
