package io.statekv.raft.internal;

import io.statekv.protocol.v1.BatchResult;
import io.statekv.protocol.v1.LogEntry;
import java.util.concurrent.CompletableFuture;

/** Hands one log entry to Raft, in call order. */
interface EntryProposer {

  /**
   * Proposes an entry; the future completes with the entry's results once it is committed and
   * applied locally. It fails with a {@link io.statekv.raft.ReplicaException} of a definite code
   * only when the entry certainly was not appended; any other failure means the outcome is unknown.
   */
  CompletableFuture<BatchResult> propose(LogEntry entry);
}
