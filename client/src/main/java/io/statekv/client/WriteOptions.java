package io.statekv.client;

import java.time.Duration;

/**
 * Options of a write. Immutable.
 *
 * @param ttlSeconds the entry expires this many seconds after the write (leader time); 0 for none.
 *     A write without a TTL keeps the entry's current expiry, except {@code set}, which clears it.
 * @param ifRevision {@link #ANY_REVISION} for an unconditional write; 0 for "the key must not
 *     exist"; N for "the key's current revision must be N". A condition that does not hold fails
 *     with {@link ConflictException} and changes nothing.
 */
public record WriteOptions(long ttlSeconds, long ifRevision) {
  /** No condition. */
  public static final long ANY_REVISION = -1;

  /** Unconditional, no TTL. */
  public static final WriteOptions NONE = new WriteOptions(0, ANY_REVISION);

  public WriteOptions {
    if (ttlSeconds < 0) {
      throw new IllegalArgumentException("ttlSeconds must not be negative: " + ttlSeconds);
    }
    if (ifRevision < ANY_REVISION) {
      throw new IllegalArgumentException("ifRevision must be ANY_REVISION, 0 or a revision: " + ifRevision);
    }
  }

  /** Only if the key's current revision is {@code revision}. */
  public static WriteOptions ifRevision(long revision) {
    return NONE.withIfRevision(revision);
  }

  /** Only if the key does not exist. */
  public static WriteOptions ifAbsent() {
    return NONE.withIfRevision(0);
  }

  /** Expires after {@code ttl}, which must be a whole number of seconds, at least one. */
  public static WriteOptions ttl(Duration ttl) {
    return NONE.withTtl(ttl);
  }

  public WriteOptions withIfRevision(long revision) {
    return new WriteOptions(ttlSeconds, revision);
  }

  public WriteOptions withTtl(Duration ttl) {
    if (ttl.getNano() != 0 || ttl.getSeconds() < 1) {
      throw new IllegalArgumentException("a TTL is a whole number of seconds, at least one: " + ttl);
    }
    return new WriteOptions(ttl.getSeconds(), ifRevision);
  }

  public boolean hasTtl() {
    return ttlSeconds > 0;
  }

  public boolean hasCondition() {
    return ifRevision != ANY_REVISION;
  }
}
