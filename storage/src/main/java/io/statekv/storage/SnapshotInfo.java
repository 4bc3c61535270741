package io.statekv.storage;

/**
 * What a snapshot file says about itself, read from its header.
 *
 * @param formatVersion the on-disk format version
 * @param revision the last applied log index the snapshot contains
 * @param stamp the leader time stamp of that state
 * @param entries entries stored in it, including entries already expired but not yet deleted by
 *     an expiry command (later expiry commands must find them on every replica)
 */
public record SnapshotInfo(int formatVersion, long revision, long stamp, long entries) {}
