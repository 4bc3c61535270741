package io.statekv.raft;

/**
 * A digest of a replica's whole applied state, taken between two log entries. Two replicas hold
 * the same state exactly when their hashes at one applied index are equal. Immutable.
 *
 * @param appliedIndex the log index the state had reached when it was hashed
 * @param sha256Hex the storage engine's state hash ({@link io.statekv.storage.StateStore#stateHash})
 *     in lower-case hex
 */
public record StateHash(long appliedIndex, String sha256Hex) {}
