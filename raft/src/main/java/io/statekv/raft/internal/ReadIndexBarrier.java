package io.statekv.raft.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Coalesces linearizable read barriers into ReadIndex rounds. A barrier that arrives while no
 * round is in flight starts one at once; barriers that arrive while a round is in flight wait for
 * the next round, started as soon as the current one ends, and share it. A barrier never joins a
 * round already under way: that round's index may predate a write the reader has seen acknowledged.
 *
 * <p>Thread-safe. Rounds start on {@code executor}, one at a time.
 */
final class ReadIndexBarrier {
  /** Barriers waiting for the next round, at most. */
  static final int WAITERS_MAX = 100_000;

  private final Supplier<CompletableFuture<Long>> round;
  private final Executor executor;
  private final Duration timeout;
  private List<CompletableFuture<Long>> next = new ArrayList<>();
  private boolean inFlight;

  /**
   * @param round performs one ReadIndex round and completes with a revision that, once applied
   *     locally, reflects every write acknowledged before the round started
   */
  ReadIndexBarrier(Supplier<CompletableFuture<Long>> round, Executor executor, Duration timeout) {
    this.round = round;
    this.executor = executor;
    this.timeout = timeout;
  }

  CompletableFuture<Long> await() {
    CompletableFuture<Long> done = new CompletableFuture<>();
    boolean start;
    synchronized (this) {
      if (next.size() >= WAITERS_MAX) {
        return Failures.failed(Failures.unavailable("too many linearizable reads wait for a ReadIndex round"));
      }
      next.add(done);
      start = !inFlight;
      inFlight = true;
    }
    if (start) {
      executor.execute(this::startRound);
    }
    return done;
  }

  private void startRound() {
    List<CompletableFuture<Long>> joined;
    synchronized (this) {
      joined = next;
      next = new ArrayList<>();
    }
    CompletableFuture<Long> r;
    try {
      r = round.get().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      r = CompletableFuture.failedFuture(e);
    }
    r.whenComplete((index, failure) -> {
      for (CompletableFuture<Long> f : joined) {
        if (failure == null) {
          f.complete(index);
        } else {
          f.completeExceptionally(Failures.forRead(failure));
        }
      }
      boolean again;
      synchronized (this) {
        again = !next.isEmpty();
        inFlight = again;
      }
      if (again) {
        executor.execute(this::startRound);
      }
    });
  }
}
