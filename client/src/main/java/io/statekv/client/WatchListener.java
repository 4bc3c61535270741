package io.statekv.client;

import java.util.List;

/**
 * Receives a watch's events. Calls never overlap and arrive in revision order, on one of the
 * client's I/O threads: return quickly, and hand slow work to your own executor. A listener that
 * blocks holds back its connection; past the node's bound, the node cancels the watch as a slow
 * watcher and the client resumes it.
 */
public interface WatchListener {

  /**
   * The events of one revision (all of them that match), in the order they were applied. The list
   * and the events are immutable and may be shared with the other watches of the client that got
   * the same events: do not modify their value trees.
   */
  void onEvents(List<WatchEvent> events);

  /**
   * Every matching event at or below {@code revision} has been delivered. Sent while the watch is
   * quiet when progress notifications are on, and when asked for with {@link Watch#requestProgress}.
   */
  default void onProgress(long revision) {}

  /**
   * The watch ended for good; nothing follows. A {@link CompactedException} means no node still
   * holds the events after {@link Watch#lastRevision()}: re-list the data, then watch again from the
   * list's revision + 1. Other causes: {@link InvalidArgumentException} (a bad filter), {@link
   * NotFoundException} (a deleted subscription), {@link ValueTooLargeException} (one revision's
   * events exceed what one response may carry). Not called when the caller cancels.
   */
  void onError(StateKvException error);
}
