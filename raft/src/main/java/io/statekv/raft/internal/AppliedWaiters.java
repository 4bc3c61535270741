package io.statekv.raft.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Reads waiting until the local store has applied a revision. The apply thread reports each
 * applied revision; waiters complete on {@code completions}, never on the apply thread, so that a
 * slow reader cannot slow down apply. Thread-safe.
 */
final class AppliedWaiters {
  /** Reads that may wait at once; more fail with {@code unavailable}. */
  static final int WAITERS_MAX = 100_000;

  private final Executor completions;
  private final TreeMap<Long, List<CompletableFuture<Long>>> waiting = new TreeMap<>();
  private int count;
  private volatile long applied;

  AppliedWaiters(Executor completions) {
    this.completions = completions;
  }

  long applied() {
    return applied;
  }

  /** Completes with the applied revision once it reaches {@code revision}, or fails after {@code timeout}. */
  CompletableFuture<Long> await(long revision, Duration timeout) {
    long now = applied;
    if (now >= revision) {
      return CompletableFuture.completedFuture(now);
    }
    CompletableFuture<Long> done = new CompletableFuture<>();
    synchronized (this) {
      if (applied >= revision) {
        return CompletableFuture.completedFuture(applied);
      }
      if (count >= WAITERS_MAX) {
        return Failures.failed(Failures.unavailable("too many reads wait for the replica to catch up"));
      }
      waiting.computeIfAbsent(revision, r -> new ArrayList<>()).add(done);
      count++;
    }
    done.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((r, e) -> {
      if (e != null) {
        forget(revision, done);
      }
    });
    return done;
  }

  /** The store now reflects {@code revision}; releases every read waiting for it or less. */
  void advanced(long revision) {
    List<CompletableFuture<Long>> ready = new ArrayList<>();
    synchronized (this) {
      if (revision > applied) {
        applied = revision;
      }
      Map<Long, List<CompletableFuture<Long>>> head = waiting.headMap(revision, true);
      head.values().forEach(ready::addAll);
      count -= ready.size();
      head.clear();
    }
    if (!ready.isEmpty()) {
      long at = revision;
      completions.execute(() -> ready.forEach(f -> f.complete(at)));
    }
  }

  /** The store was replaced by a snapshot; the applied revision may only have grown. */
  void reset(long revision) {
    advanced(revision);
  }

  private synchronized void forget(long revision, CompletableFuture<Long> done) {
    List<CompletableFuture<Long>> list = waiting.get(revision);
    if (list != null && list.remove(done)) {
      count--;
      if (list.isEmpty()) {
        waiting.remove(revision);
      }
    }
  }
}
