package io.statekv.client;

/**
 * The cluster settings that change the results of writes; they are part of the replicated state.
 *
 * @param valueBytesMax the largest value, in bytes of compact JSON
 * @param entriesMax the most live entries the cluster holds
 * @param stateBytesMax the most bytes of keys and values the cluster holds
 * @param sessionsMax the most client sessions kept for exactly-once writes
 * @param sessionTtlMillis how long, in leader time, an idle client session is kept
 */
public record ClusterSettings(
    long valueBytesMax, long entriesMax, long stateBytesMax, long sessionsMax, long sessionTtlMillis) {}
