package io.statekv.storage;

/**
 * The expected ways a command can fail inside apply. Each has the wire name of the project's
 * single error table (see the protocol module), and each means "nothing changed".
 */
public enum Failure {
  /** An {@code if_revision} or txn compare did not hold; carries the current revision. */
  CONFLICT("conflict"),
  /** The value is larger than the cluster's {@code value_bytes_max}. */
  VALUE_TOO_LARGE("value_too_large"),
  /** The input broke a rule of the data model (bad scope, key, path, ttl, op shape). */
  INVALID_ARGUMENT("invalid_argument"),
  /** The write would take the cluster past {@code entries_max} or {@code state_bytes_max}. */
  QUOTA_EXCEEDED("quota_exceeded"),
  /** The stored value has the wrong type for the operation, such as append to a non-array. */
  TYPE_MISMATCH("type_mismatch"),
  /** A retried request whose cached response the session no longer holds. */
  SESSION_EXPIRED("session_expired");

  private final String wireName;

  Failure(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
