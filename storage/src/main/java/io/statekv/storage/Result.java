package io.statekv.storage;

import java.util.List;

/** The outcome of one command, as the state machine returns it to the client. */
public sealed interface Result {

  /**
   * A set, update, patch or append that changed the entry.
   *
   * @param oldValue the value before, or null when the key was absent
   * @param errors iii's per-op errors of an update; empty otherwise
   */
  record Written(Json oldValue, Json newValue, Entry entry, List<UpdateError> errors) implements Result {
    public Written {
      errors = List.copyOf(errors);
    }
  }

  /**
   * A delete.
   *
   * @param oldValue the value before, or null when the key was absent and nothing changed
   * @param revision the log index of the deletion, or 0 when nothing changed; a retried request
   *     answered from its session gets the original revision back, which the caller cannot derive
   */
  record Deleted(Json oldValue, long revision) implements Result {}

  /** A get inside a txn; {@code entry} is null when the key is absent. */
  record Read(Entry entry) implements Result {}

  /** A txn: which branch ran, and the result of each of its ops in order. */
  record TxnDone(boolean succeeded, List<Result> results) implements Result {
    public TxnDone {
      results = List.copyOf(results);
    }
  }

  /**
   * Nothing changed.
   *
   * @param currentRevision for {@link Failure#CONFLICT}: the key's revision, 0 when missing
   * @param opIndex within a txn branch, the op that failed; -1 otherwise
   */
  record Failed(Failure failure, String message, long currentRevision, int opIndex) implements Result {
    public static Failed of(Failure failure, String message) {
      return new Failed(failure, message, 0, -1);
    }
  }

  /** An expiry command, and how many entries it deleted. */
  record Expired(int deleted) implements Result {}

  /** A settings change that took effect. */
  record SettingsChanged(ClusterSettings settings) implements Result {}
}
