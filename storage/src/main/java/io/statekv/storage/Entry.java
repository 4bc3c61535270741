package io.statekv.storage;

/**
 * One stored value and its metadata.
 *
 * @param revision log index of the entry's last change
 * @param createRevision log index at which the entry was created
 * @param version number of changes since creation, starting at 1
 * @param createdAt leader time of creation, epoch milliseconds
 * @param updatedAt leader time of the last change, epoch milliseconds
 * @param expiresAt leader time at which the entry expires, or {@link #NO_EXPIRY}
 */
public record Entry(
    String scope,
    String key,
    Json value,
    long revision,
    long createRevision,
    long version,
    long createdAt,
    long updatedAt,
    long expiresAt) {

  public static final long NO_EXPIRY = 0;

  public boolean hasExpiry() {
    return expiresAt != NO_EXPIRY;
  }

  /** True when the entry is no longer visible at the given time. */
  public boolean isExpiredAt(long nowMillis) {
    return expiresAt != NO_EXPIRY && nowMillis >= expiresAt;
  }
}
