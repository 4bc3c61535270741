package io.statekv.client;

import java.util.concurrent.CompletableFuture;

/**
 * A running watch. It survives node failures: the client resumes it on another node from {@link
 * #lastRevision()} + 1, so the listener sees every matching change once, in revision order, with
 * no gap. Thread-safe; closing is cancelling.
 */
public interface Watch extends AutoCloseable {

  /** Every matching event at or below this revision has been delivered (0 before the watch started). */
  long lastRevision();

  /** Asks the node for a progress notification ({@link WatchListener#onProgress}). */
  void requestProgress();

  /** Completes when the watch ends: normally when cancelled, exceptionally with the error given to the listener. */
  CompletableFuture<Void> done();

  /** Stops the watch; no listener call starts after this returns. Idempotent. */
  void cancel();

  @Override
  default void close() {
    cancel();
  }
}
