package io.statekv.storage;

import java.util.List;

/**
 * A state-changing command. One log entry carries one or more commands, applied in order with the
 * entry's revision and leader time stamp. Commands are plain data: every input was validated at
 * the edge, and apply validates again and rejects deterministically.
 *
 * <p>{@code ifRevision}: {@link #ANY_REVISION} for unconditional, 0 for "must not exist", N for
 * "the current revision must be N". {@code ttlSeconds}: {@link #NO_TTL} when not given.
 */
public sealed interface Command {
  long ANY_REVISION = -1;
  long NO_TTL = 0;

  /** Stores a value. Clears any expiry unless {@code ttlSeconds} is given again. */
  record Set(String scope, String key, Json value, long ttlSeconds, long ifRevision)
      implements Command, TxnOp {}

  /** Applies iii update ops, best-effort. A missing key starts as {@code {}}. */
  record Update(String scope, String key, List<UpdateOp> ops, long ttlSeconds, long ifRevision)
      implements Command, TxnOp {
    public Update {
      ops = List.copyOf(ops);
    }
  }

  /** Applies an RFC 7396 merge patch. */
  record Patch(String scope, String key, Json patch, long ttlSeconds, long ifRevision)
      implements Command, TxnOp {}

  /** Appends one item to an array value; a missing key becomes {@code [item]}. */
  record Append(String scope, String key, Json item, long ttlSeconds, long ifRevision)
      implements Command, TxnOp {}

  /** Deletes a key. Deleting a missing key changes nothing and fires no event. */
  record Delete(String scope, String key, long ifRevision) implements Command, TxnOp {}

  /** If every compare holds, applies {@code then}, otherwise {@code otherwise}, atomically. */
  record Txn(List<Compare> compares, List<TxnOp> then, List<TxnOp> otherwise) implements Command {
    public Txn {
      compares = List.copyOf(compares);
      then = List.copyOf(then);
      otherwise = List.copyOf(otherwise);
    }
  }

  /**
   * Proposed by the leader: deletes up to {@code max} entries whose expiry is at or before the
   * entry's time stamp, firing {@code state:deleted} with reason {@code expired}.
   */
  record Expire(int max) implements Command {}

  /** Replaces the cluster settings. */
  record ChangeSettings(ClusterSettings settings) implements Command {}
}
