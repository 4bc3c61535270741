package io.statekv.client.internal;

import io.netty.util.concurrent.EventExecutorGroup;
import io.statekv.client.CancelledException;
import io.statekv.client.CompactedException;
import io.statekv.client.InvalidArgumentException;
import io.statekv.client.OutcomeUnknownException;
import io.statekv.client.StateKvException;
import io.statekv.client.SubscriptionConsumer;
import io.statekv.client.UnavailableException;
import io.statekv.client.WatchEvent;
import io.statekv.client.WatchListener;
import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.Error;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.protocol.v1.NodeMessage;
import io.statekv.protocol.v1.SubscriptionAckRequest;
import io.statekv.protocol.v1.WatchCancelRequest;
import io.statekv.protocol.v1.WatchProgressRequest;
import io.statekv.protocol.v1.WatchResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A resumable stream: a watch, or a consumer of a subscription. Each attempt opens the stream on
 * one node; when the attempt fails (the connection breaks, the node cancels it as a slow watcher,
 * shuts down, or is not the leader) the next attempt resumes on another node from {@code
 * resumeFrom}, the revision after the last one delivered or confirmed by a progress notification.
 * A plain watch drops events at or below the last delivered revision, so it sees each event once;
 * a consumer resumes from the cluster's cursor and sees unacknowledged events again.
 *
 * <p>{@code compacted} from one node sends a plain watch to the others (each node keeps its own
 * history); only when every node said so does the listener get {@link CompactedException}.
 *
 * <p>Thread-safe: the stream's state is guarded by its monitor; listener calls are serialized by
 * {@link #delivery} and never made while holding the monitor.
 */
final class WatchStream implements SubscriptionConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(WatchStream.class);

  private final Cluster cluster;
  private final EventExecutorGroup timers;
  private final StreamOpening opening;
  private final WatchListener listener;
  private final long openTimeoutMillis;
  private final ReentrantLock delivery = new ReentrantLock();
  private final CompletableFuture<Void> done = new CompletableFuture<>();

  private long resumeFrom;
  private long delivered;
  private long progress;
  private boolean ended;
  private Attempt current;
  private int failures;
  private HostPort lastFailed;
  private final Set<HostPort> compacted = new HashSet<>();
  /** Consumers: the highest acknowledgement asked for, and the last event, on the current stream. */
  private long acksRequested;
  private long lastEventOnStream;

  /** One try on one node. */
  private final class Attempt implements NodeConnection.StreamHandler {
    final NodeConnection connection;
    final HostPort address;
    final long requestId;
    boolean created;
    long watchId;
    long deliveredThrough;

    Attempt(NodeConnection connection, HostPort address) {
      this.connection = connection;
      this.address = address;
      this.requestId = connection.nextStreamId();
    }

    @Override
    public void onMessage(NodeMessage message) {
      WatchStream.this.onMessage(this, message);
    }

    @Override
    public void onLost() {
      WatchStream.this.onLost(this);
    }
  }

  /**
   * @param from the first revision (0: the first node's next change)
   * @param openTimeoutMillis how long a node may take to start the stream before another is tried
   * @param onEnd told once when the stream ends, so the client forgets it
   */
  WatchStream(Cluster cluster, EventExecutorGroup timers, StreamOpening opening, WatchListener listener, long from,
      long openTimeoutMillis, Runnable onEnd) {
    this.cluster = cluster;
    this.timers = timers;
    this.opening = opening;
    this.listener = listener;
    this.resumeFrom = from;
    this.openTimeoutMillis = openTimeoutMillis;
    done.whenComplete((v, t) -> onEnd.run());
  }

  void start() {
    attempt();
  }

  // ------------------------------------------------------------------ attempts

  private void attempt() {
    HostPort address;
    synchronized (this) {
      if (ended) {
        return;
      }
      address = pick();
    }
    cluster.connection(address).whenComplete((connection, failure) -> {
      if (failure != null) {
        connectFailed(address, failure);
      } else {
        open(connection, address);
      }
    });
  }

  private HostPort pick() {
    if (opening.leaderOnly()) {
      HostPort leader = cluster.leader();
      return leader != null ? leader : cluster.anyNode(lastFailed);
    }
    if (!compacted.isEmpty()) {
      HostPort other = cluster.anyNodeExcept(compacted);
      if (other != null) {
        return other;
      }
    }
    return cluster.anyNode(lastFailed);
  }

  private void open(NodeConnection connection, HostPort address) {
    Attempt a = new Attempt(connection, address);
    long from;
    synchronized (this) {
      if (ended) {
        return;
      }
      current = a;
      from = resumeFrom;
    }
    connection.openStream(a.requestId, opening.request(from), a);
    timers.schedule(() -> openTimedOut(a), openTimeoutMillis, TimeUnit.MILLISECONDS);
  }

  private void openTimedOut(Attempt a) {
    synchronized (this) {
      if (a != current || a.created || ended) {
        return;
      }
    }
    LOG.debug("{} did not start the stream within {} ms", a.address, openTimeoutMillis);
    onLost(a);
  }

  private void connectFailed(HostPort address, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof StateKvException refused && !refused.retryable()) {
      terminal(refused);
      return;
    }
    synchronized (this) {
      if (ended) {
        return;
      }
      failures++;
      lastFailed = address;
    }
    retryLater(Backoff.delayMillis(failures));
  }

  private void retryLater(long delayMillis) {
    timers.schedule(this::attempt, delayMillis, TimeUnit.MILLISECONDS);
  }

  // ------------------------------------------------------------------ messages

  private void onMessage(Attempt a, NodeMessage message) {
    if (message.hasError()) {
      refused(a, message.getError());
      return;
    }
    WatchResponse r = message.getWatch();
    if (r.getCreated()) {
      created(a, r);
    }
    for (List<WatchEvent> group : a.connection.watchEvents(r)) {
      deliver(a, group);
    }
    boolean quiet = !r.getCreated() && r.getEventsCount() == 0 && !r.getCanceled();
    progressed(a, r.getProgressRevision(), quiet);
    if (r.getCanceled() && r.hasCancelReason()) {
      refused(a, r.getCancelReason());
    }
  }

  private synchronized void created(Attempt a, WatchResponse r) {
    if (a != current || ended) {
      // A stream that started after its attempt was given up (a late start, or a cancel meanwhile).
      a.connection.closeStream(a.requestId);
      a.connection.send(ClientMessage.newBuilder().setWatchCancel(WatchCancelRequest.newBuilder().setWatchId(r.getWatchId())));
      return;
    }
    a.created = true;
    a.watchId = r.getWatchId();
    a.deliveredThrough = r.getProgressRevision();
    acksRequested = r.getProgressRevision();
    lastEventOnStream = r.getProgressRevision();
    failures = 0;
    compacted.clear();
  }

  private void deliver(Attempt a, List<WatchEvent> group) {
    long revision = group.get(0).revision();
    delivery.lock();
    try {
      synchronized (this) {
        if (a != current || ended || (opening.exactlyOnce() && revision <= delivered)) {
          return;
        }
      }
      try {
        listener.onEvents(group);
      } catch (RuntimeException e) {
        LOG.warn("a watch listener failed on revision {}; the watch goes on", revision, e);
      }
      synchronized (this) {
        delivered = Math.max(delivered, revision);
        resumeFrom = Math.max(resumeFrom, revision + 1);
        a.deliveredThrough = Math.max(a.deliveredThrough, revision);
        lastEventOnStream = revision;
      }
    } finally {
      delivery.unlock();
    }
  }

  private void progressed(Attempt a, long revision, boolean notify) {
    long autoAck = 0;
    synchronized (this) {
      if (a != current || ended || revision == 0) {
        return;
      }
      progress = Math.max(progress, revision);
      resumeFrom = Math.max(resumeFrom, revision + 1);
      a.deliveredThrough = Math.max(a.deliveredThrough, revision);
      if (!opening.exactlyOnce() && notify && acksRequested >= lastEventOnStream && revision > acksRequested) {
        autoAck = revision;
      }
    }
    if (notify) {
      delivery.lock();
      try {
        if (!isEnded()) {
          listener.onProgress(revision);
        }
      } catch (RuntimeException e) {
        LOG.warn("a watch listener failed on progress {}; the watch goes on", revision, e);
      } finally {
        delivery.unlock();
      }
    }
    if (autoAck > 0) {
      // Keeps a quiet subscription's cursor within the history; a lost one is harmless.
      ack(autoAck);
    }
  }

  private synchronized boolean isEnded() {
    return ended;
  }

  // ------------------------------------------------------------------ failures

  /** The node refused or cancelled the stream. */
  private void refused(Attempt a, Error error) {
    StateKvException failure = Errors.of(error);
    long delay;
    synchronized (this) {
      if (a != current || ended) {
        return;
      }
      current = null;
      a.connection.closeStream(a.requestId);
      delay = retryDelay(a, error);
    }
    if (delay < 0) {
      terminal(failure instanceof CompactedException || error.getCode() != ErrorCode.COMPACTED ? failure
          : new CompactedException(error.getMessage(), error.getOldestRevision()));
    } else {
      retryLater(delay);
    }
  }

  /** How long to wait before the next attempt after {@code error}, or -1 when the stream cannot go on. Under the monitor. */
  private long retryDelay(Attempt a, Error error) {
    switch (error.getCode()) {
      case COMPACTED -> {
        if (opening.leaderOnly()) {
          return -1;
        }
        compacted.add(a.address);
        return cluster.anyNodeExcept(compacted) == null ? -1 : 0;
      }
      case NOT_LEADER -> {
        if (!error.getLeaderAddress().isEmpty()) {
          cluster.leaderHint(error.getLeaderId(), error.getLeaderAddress());
        } else {
          cluster.leaderLost(a.address);
          cluster.refresh();
        }
        failures++;
        return Backoff.delayMillis(failures);
      }
      case SLOW_WATCHER, UNAVAILABLE, CANCELLED, TIMEOUT, INTERNAL -> {
        failures++;
        lastFailed = a.address;
        return Backoff.delayMillis(failures);
      }
      default -> {
        return -1;
      }
    }
  }

  private void onLost(Attempt a) {
    synchronized (this) {
      if (a != current || ended) {
        return;
      }
      current = null;
      a.connection.closeStream(a.requestId);
      failures++;
      lastFailed = a.address;
      cluster.leaderLost(a.address);
    }
    retryLater(Backoff.delayMillis(failures));
  }

  private void terminal(StateKvException failure) {
    delivery.lock();
    try {
      Attempt a;
      synchronized (this) {
        if (ended) {
          return;
        }
        ended = true;
        a = current;
        current = null;
      }
      if (a != null) {
        a.connection.closeStream(a.requestId);
      }
      try {
        listener.onError(failure);
      } catch (RuntimeException e) {
        LOG.warn("a watch listener failed on the watch's end", e);
      }
    } finally {
      delivery.unlock();
    }
    done.completeExceptionally(failure);
  }

  // ------------------------------------------------------------------ the API

  @Override
  public synchronized long lastRevision() {
    return Math.max(delivered, progress);
  }

  @Override
  public void requestProgress() {
    Attempt a;
    synchronized (this) {
      a = current;
    }
    if (a != null && a.created) {
      a.connection.send(ClientMessage.newBuilder().setWatchProgress(WatchProgressRequest.newBuilder().setWatchId(a.watchId)));
    }
  }

  @Override
  public CompletableFuture<Void> done() {
    return done;
  }

  @Override
  public void cancel() {
    Attempt a;
    delivery.lock();
    try {
      synchronized (this) {
        if (ended) {
          return;
        }
        ended = true;
        a = current;
        current = null;
      }
    } finally {
      delivery.unlock();
    }
    if (a != null) {
      a.connection.closeStream(a.requestId);
      if (a.created) {
        a.connection.send(ClientMessage.newBuilder().setWatchCancel(WatchCancelRequest.newBuilder().setWatchId(a.watchId)));
      }
    }
    done.complete(null);
  }

  @Override
  public CompletableFuture<Long> ack(long revision) {
    if (opening.exactlyOnce()) {
      throw new UnsupportedOperationException("a plain watch takes no acknowledgements");
    }
    Attempt a;
    synchronized (this) {
      a = current;
      if (ended) {
        return CompletableFuture.failedFuture(new CancelledException("the consumer is closed"));
      }
      if (a == null || !a.created) {
        return CompletableFuture.failedFuture(new UnavailableException("the consumer is resuming after a failure; the"
            + " events after the last stored acknowledgement will be delivered again"));
      }
      if (revision < 0 || revision > a.deliveredThrough) {
        return CompletableFuture.failedFuture(new InvalidArgumentException("cannot acknowledge revision " + revision
            + ": this consumer has delivered through revision " + a.deliveredThrough));
      }
      acksRequested = Math.max(acksRequested, revision);
    }
    return a.connection.send(ClientMessage.newBuilder().setSubscriptionAck(
            SubscriptionAckRequest.newBuilder().setWatchId(a.watchId).setRevision(revision)))
        .orTimeout(openTimeoutMillis, TimeUnit.MILLISECONDS)
        .handle((answer, failure) -> ackAnswer(answer, failure));
  }

  private static long ackAnswer(NodeMessage answer, Throwable failure) {
    if (failure != null) {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      throw new CompletionException(cause instanceof TimeoutException
          ? new OutcomeUnknownException(ErrorCode.TIMEOUT, "no answer to the acknowledgement; it may or may not be stored")
          : new UnavailableException("the acknowledgement was not answered: " + cause.getMessage()));
    }
    if (answer.hasError()) {
      throw new CompletionException(Errors.of(answer.getError()));
    }
    return answer.getSubscriptionAck().getAckedRevision();
  }
}
