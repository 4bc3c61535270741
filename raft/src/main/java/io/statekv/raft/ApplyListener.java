package io.statekv.raft;

import io.statekv.storage.Event;
import java.util.List;

/**
 * Receives what the local replica applies, in log order, on the apply thread. Implementations
 * must be quick and must not block: they hand events to their own bounded buffers.
 *
 * <p>Every log index is reported, including Raft's own entries (configuration, metadata), which
 * produce no events; revisions are therefore increasing but not dense. Changes of the reserved
 * scopes (those starting with {@code _}, such as the member records in {@code _system}) are
 * internal and not passed on.
 */
public interface ApplyListener {

  /** The log entry at {@code revision} was applied and produced these events (possibly none). */
  void onApplied(long revision, List<Event> events);

  /**
   * The store was replaced by a snapshot at {@code revision} (install from the leader, or start-up).
   * Events up to and including it were not produced locally.
   */
  void onReset(long revision);
}
