package io.statekv.raft.internal;

import io.statekv.protocol.v1.ExpireCommand;
import io.statekv.protocol.v1.LogEntry;
import io.statekv.storage.Limits;
import io.statekv.storage.StateStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the leader, proposes expiry commands when the store holds entries whose expiry has passed by
 * the leader's clock, one at a time: the next check runs after the previous command applied, so a
 * backlog drains {@link Limits#EXPIRE_BATCH_MAX} entries per log entry. Between checks it sleeps
 * until the earliest expiry, but at most {@link #CHECK_INTERVAL_MAX}, so that new short TTLs are
 * noticed. Expired entries are already invisible to reads; this only reclaims them and fires their
 * events. Thread-safe; runs on the given scheduler.
 */
final class ExpiryProposer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExpiryProposer.class);

  static final Duration CHECK_INTERVAL_MAX = Duration.ofMillis(500);

  private final ScheduledExecutorService scheduler;
  private final InstantSource clock;
  private final Supplier<StateStore> store;
  private final BooleanSupplier leaderReady;
  private final Function<LogEntry.Builder, java.util.concurrent.CompletableFuture<?>> propose;
  private ScheduledFuture<?> next;
  private boolean proposing;
  private boolean closed;

  ExpiryProposer(
      ScheduledExecutorService scheduler,
      InstantSource clock,
      Supplier<StateStore> store,
      BooleanSupplier leaderReady,
      Function<LogEntry.Builder, java.util.concurrent.CompletableFuture<?>> propose) {
    this.scheduler = scheduler;
    this.clock = clock;
    this.store = store;
    this.leaderReady = leaderReady;
    this.propose = propose;
  }

  void start() {
    schedule(0);
  }

  /** Checks now, for instance when this node became leader. */
  void kick() {
    schedule(0);
  }

  private synchronized void schedule(long delayMillis) {
    if (closed || proposing) {
      return;
    }
    if (next != null && !next.isDone()) {
      if (next.getDelay(TimeUnit.MILLISECONDS) <= delayMillis) {
        return;
      }
      next.cancel(false);
    }
    next = scheduler.schedule(this::check, delayMillis, TimeUnit.MILLISECONDS);
  }

  private void check() {
    synchronized (this) {
      next = null;
    }
    try {
      checkNow();
    } catch (RuntimeException e) {
      // A replaced or closing store: look again later rather than stop expiring for good.
      LOG.warn("the expiry check failed; retrying", e);
      schedule(CHECK_INTERVAL_MAX.toMillis());
    }
  }

  private void checkNow() {
    StateStore s = store.get();
    if (s == null || !leaderReady.getAsBoolean()) {
      schedule(CHECK_INTERVAL_MAX.toMillis());
      return;
    }
    long due = s.nextExpiryAt();
    long now = clock.millis();
    if (due > now) {
      schedule(Math.min(due - now, CHECK_INTERVAL_MAX.toMillis()));
      return;
    }
    LogEntry.Builder entry = LogEntry.newBuilder().setExpire(ExpireCommand.newBuilder().setMax(Limits.EXPIRE_BATCH_MAX));
    long entriesBefore = s.stats().entries();
    synchronized (this) {
      proposing = true;
    }
    propose.apply(entry).whenComplete((r, e) -> {
      StateStore after = store.get();
      // Progress: something was deleted. Without it, wait, so that an entry that cannot be
      // expired for any reason never turns this into a busy loop.
      boolean progressed = e == null && after != null
          && (after.nextExpiryAt() != due || after.stats().entries() < entriesBefore);
      if (e != null) {
        LOG.info("an expiry proposal failed: {}", e.toString());
      }
      synchronized (this) {
        proposing = false;
      }
      schedule(progressed ? 0 : CHECK_INTERVAL_MAX.toMillis());
    });
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (next != null) {
      next.cancel(false);
    }
  }
}
