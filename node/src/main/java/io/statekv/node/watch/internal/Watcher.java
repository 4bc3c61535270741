package io.statekv.node.watch.internal;

import io.statekv.node.watch.WireEvent;
import io.statekv.protocol.v1.Error;
import io.statekv.protocol.v1.WatchResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * One open watch: what it matches, where its messages go, and how far it has been served.
 *
 * <p><b>States.</b> A <em>synced</em> watcher is served by the live pass as revisions are applied;
 * its next revision is the fan-out's live cursor. A <em>lagging</em> watcher (new with an older
 * start, or demoted because its transport could not take more) is served from the history from its
 * own {@link #cursor} until it reaches the live cursor, then promoted.
 *
 * <p><b>Responses.</b> Matching events accumulate in a pending response, one revision at a time,
 * and leave as one {@link WatchResponse} when the pass ends, or earlier once it holds {@link
 * #RESPONSE_BYTES_SOFT_MAX} bytes (always at a revision boundary: the events of one revision
 * travel together).
 *
 * <p>Confined to the fan-out thread, except {@link #sentThrough()}, which any thread may read.
 */
final class Watcher {
  /** A response grows past this only with the events of a single revision. */
  static final int RESPONSE_BYTES_SOFT_MAX = 1 << 20;
  /** The matching events of one revision at most; a larger revision cannot be sent as one response. */
  static final int REVISION_BYTES_MAX = 32 << 20;

  private static final long[] NO_STREAMS = {};

  /** The value of {@link #stalledSinceNanos} while the watcher is not waiting on its transport. */
  static final long NOT_STALLED = Long.MIN_VALUE;

  /** What {@link #offer} did. */
  enum Offer { ADDED, BLOCKED, OVERSIZE }

  final long id;
  final long streamId;
  final Transport transport;
  final EventFilter filter;
  final boolean progressNotify;
  /** The client reads responses shared with other watches of its transport ({@link ResponseSharing}). */
  final boolean sharedResponses;
  /** The subscription a consume stream is bound to, or null for a plain watch. */
  final SubscriptionBinding subscription;

  boolean synced;
  boolean cancelled;
  /** Left the current live pass (blocked or oversize); cleared when the pass ends. */
  boolean held;
  /** The next revision to serve, while lagging. */
  long cursor;
  long stalledSinceNanos = NOT_STALLED;
  long lastSentNanos;
  private volatile long sentThrough;

  /** Pending events a watcher keeps room for between responses; a larger list is let go. */
  static final int PENDING_RETAINED_MAX = 1_024;

  /** The events of the pending response; reused from one response to the next. */
  private List<WireEvent> pending = new ArrayList<>();
  private boolean hasPending;
  private long pendingFirst;
  private long pendingLast;
  private long pendingBytes;
  private long pendingRevisionBytes;

  Watcher(long id, long streamId, Transport transport, EventFilter filter, boolean progressNotify,
      boolean sharedResponses, SubscriptionBinding subscription, long start, long nowNanos) {
    this.id = id;
    this.streamId = streamId;
    this.transport = transport;
    this.filter = filter;
    this.progressNotify = progressNotify;
    this.sharedResponses = sharedResponses;
    this.subscription = subscription;
    this.cursor = start;
    this.sentThrough = start - 1;
    this.lastSentNanos = nowNanos;
  }

  /** Every matching event at or below it has been sent (in events or a progress notification). */
  long sentThrough() {
    return sentThrough;
  }

  boolean hasPending() {
    return hasPending;
  }

  /** The first revision of the pending response: where serving resumes if it cannot be sent. */
  long pendingFirst() {
    return pendingFirst;
  }

  /**
   * Adds a matching event. When the pending response is full, it is sent first, which needs a
   * writable transport: {@code BLOCKED} means it was not, and nothing changed.
   */
  Offer offer(PreparedEvent event, long nowNanos) {
    long revision = event.event().revision();
    WireEvent wire = event.wire();
    int bytes = wire.size();
    if (hasPending && revision > pendingLast && pendingBytes + bytes > RESPONSE_BYTES_SOFT_MAX
        && !flush(revision - 1, nowNanos)) {
      return Offer.BLOCKED;
    }
    if (!hasPending) {
      hasPending = true;
      pendingFirst = revision;
      pendingLast = revision;
      pendingBytes = 0;
      pendingRevisionBytes = 0;
    }
    if (revision > pendingLast) {
      pendingLast = revision;
      pendingRevisionBytes = 0;
    }
    pendingBytes += bytes;
    pendingRevisionBytes += bytes;
    if (pendingRevisionBytes > REVISION_BYTES_MAX) {
      return Offer.OVERSIZE;
    }
    pending.add(wire);
    return Offer.ADDED;
  }

  /**
   * Sends the pending response, stating that every matching event through {@code
   * progressRevision} is now sent. False, with nothing sent, when the transport is not writable.
   */
  boolean flush(long progressRevision, long nowNanos) {
    if (!hasPending) {
      return true;
    }
    if (!transport.writable()) {
      return false;
    }
    transport.sendEvents(streamId, id, NO_STREAMS, pending, progressRevision);
    sent(progressRevision, nowNanos);
    return true;
  }

  /** The pending events, in order; the list is reused once the response leaves. */
  List<WireEvent> pendingEvents() {
    return pending;
  }

  /** The pending response left (here or in a response shared with other watchers). */
  void sent(long progressRevision, long nowNanos) {
    sentThrough = progressRevision;
    lastSentNanos = nowNanos;
    dropPending();
  }

  /** Forgets the pending response (it will be served again from {@link #pendingFirst()}). */
  void dropPending() {
    if (pending.size() > PENDING_RETAINED_MAX) {
      pending = new ArrayList<>();
    } else {
      pending.clear();
    }
    hasPending = false;
  }

  /** Sends a progress notification: every matching event through {@code revision} was sent. */
  void sendProgress(long revision, long nowNanos) {
    transport.send(streamId, WatchResponse.newBuilder().setWatchId(id).setProgressRevision(revision).build());
    sentThrough = Math.max(sentThrough, revision);
    lastSentNanos = nowNanos;
  }

  /** Sends the last message of the stream; {@code reason} is null when the client asked. */
  void sendCanceled(Error reason) {
    WatchResponse.Builder last = WatchResponse.newBuilder().setWatchId(id).setCanceled(true).setProgressRevision(sentThrough);
    if (reason != null) {
      last.setCancelReason(reason);
    }
    transport.send(streamId, last.build());
  }

  void sendCreated(long oldestRevision, long nowNanos) {
    transport.send(streamId, WatchResponse.newBuilder()
        .setWatchId(id).setCreated(true).setProgressRevision(sentThrough).setOldestRevision(oldestRevision).build());
    lastSentNanos = nowNanos;
  }
}
