package io.statekv.node.watch.internal;

import io.statekv.protocol.v1.Error;
import io.statekv.protocol.v1.ErrorCode;

/**
 * Why the node ends a watch, as errors of the table, each with a message that says what the
 * client can do. Confined to the fan-out thread.
 */
final class Cancellations {
  private final Watchers state;

  Cancellations(Watchers state) {
    this.state = state;
  }

  static Error error(ErrorCode code, String message) {
    return Error.newBuilder().setCode(code).setMessage(message).setOpIndex(-1).build();
  }

  /** The error of a start (or resume) revision this node's history no longer holds. */
  static Error compacted(long revision, long floor, boolean neverHere) {
    String why = neverHere
        ? "this node loaded a snapshot at revision " + floor + " and never produced the events before it"
        : "this node's history no longer holds it";
    return error(ErrorCode.COMPACTED, "revision " + revision + " is not available: " + why
            + "; the oldest revision held is " + (floor + 1) + ". Resume on another node, or re-list and watch from the list's revision")
        .toBuilder().setOldestRevision(floor + 1).build();
  }

  /** A lagging watcher whose next revision left the history. */
  void lost(Watcher w) {
    long floor = state.history.floor();
    if (w.cursor <= state.history.resetFloor()) {
      state.cancel(w, compacted(w.cursor, floor, true));
    } else {
      state.cancel(w, error(ErrorCode.SLOW_WATCHER, "the watch fell further behind than this node's history of "
          + "recent events (its next revision " + w.cursor + " was evicted); resume from revision " + (w.sentThrough() + 1)
          + " on another node, or re-list"));
    }
  }

  /** A watcher whose transport stayed unwritable while it had events to send. */
  void stalled(Watcher w, long stalledMillis) {
    state.cancel(w, error(ErrorCode.SLOW_WATCHER, "the watch's events were not read for " + stalledMillis
        + " ms; resume from revision " + (w.sentThrough() + 1)));
  }

  void oversize(Watcher w, long revision) {
    state.cancel(w, error(ErrorCode.VALUE_TOO_LARGE, "the events of revision " + revision + " matching this watch are"
        + " more than " + Watcher.REVISION_BYTES_MAX + " bytes and cannot travel in one response; narrow the filter"));
  }
}
