package io.statekv.storage;

/**
 * What a snapshot file says about itself, read from its header.
 *
 * @param formatVersion the on-disk format version
 * @param revision the last applied log index the snapshot contains
 * @param stamp the leader time stamp of that state
 * @param entries live and not yet expired entries in it
 */
public record SnapshotInfo(int formatVersion, long revision, long stamp, long entries) {}
