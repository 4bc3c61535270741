package io.statekv.node.config;

import java.time.Duration;

/**
 * Raft timing and log compaction for this node.
 *
 * @param electionTimeoutMin the lower bound of the randomized election timeout
 * @param electionTimeoutMax the upper bound
 * @param snapshotThresholdEntries log entries after which a snapshot is taken and the log purged
 */
public record RaftSettings(Duration electionTimeoutMin, Duration electionTimeoutMax, long snapshotThresholdEntries) {}
