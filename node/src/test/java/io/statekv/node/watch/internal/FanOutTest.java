package io.statekv.node.watch.internal;

import static io.statekv.node.watch.internal.TestEvents.batch;
import static io.statekv.node.watch.internal.TestEvents.created;
import static io.statekv.node.watch.internal.TestEvents.updated;
import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.node.watch.WatchConfig;
import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.protocol.v1.Event;
import io.statekv.protocol.v1.NodeMessage;
import io.statekv.protocol.v1.WatchCancelRequest;
import io.statekv.protocol.v1.WatchCreateRequest;
import io.statekv.protocol.v1.WatchFilter;
import io.statekv.protocol.v1.WatchProgressRequest;
import io.statekv.protocol.v1.WatchResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fan-out thread against its real history, with recording transports. */
class FanOutTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private EventHistory history;
  private FanOut fanOut;

  private StreamRequests start(WatchConfig config, RecordingSink sink) {
    history = new EventHistory(config.historyEventsMax(), config.historyBytesMax());
    fanOut = new FanOut(history, config, () -> null, "test");
    fanOut.start();
    return new StreamRequests(fanOut, sink, null);
  }

  @AfterEach
  void stop() {
    if (fanOut != null) {
      fanOut.close();
    }
  }

  private void apply(long revision, List<io.statekv.storage.Event> events) {
    history.append(revision, events);
    fanOut.eventsAppended();
  }

  private static NodeMessage create(StreamRequests streams, long streamId, WatchFilter filter, long start, boolean progress) {
    return streams.handle(ClientMessage.newBuilder().setRequestId(streamId)
        .setWatchCreate(WatchCreateRequest.newBuilder().setFilter(filter).setStartRevision(start).setProgressNotify(progress))
        .build()).join();
  }

  private static List<Long> revisions(List<Event> events) {
    return events.stream().map(Event::getRevision).toList();
  }

  @Test
  void aWatchFromNowGetsEveryMatchingEventLiveInOrder() {
    RecordingSink sink = new RecordingSink();
    StreamRequests streams = start(WatchConfig.DEFAULTS, sink);
    apply(1, batch(1, 1));
    assertThat(create(streams, 7, WatchFilter.newBuilder().setScope("users").setKeyPrefix("u").build(), 0, false)).isNull();
    WatchResponse created = sink.responses(7).get(0);
    assertThat(created.getCreated()).isTrue();
    assertThat(created.getProgressRevision()).isEqualTo(1);
    assertThat(created.getOldestRevision()).isEqualTo(1);
    apply(2, List.of(created(2, "users", "u1", "{}"), created(2, "users", "x", "{}"), created(2, "other", "u1", "{}")));
    apply(4, List.of(updated(4, "users", "u2", "1", "2")));
    Eventually.until("two events", WAIT, () -> sink.events(7).size() == 2);
    assertThat(revisions(sink.events(7))).containsExactly(2L, 4L);
    assertThat(sink.events(7).get(0).getKey()).isEqualTo("u1");
    assertThat(sink.last(7).getProgressRevision()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void aWatchFromAnOlderRevisionCatchesUpThenFollowsLiveWithoutGapOrRepeat() {
    RecordingSink sink = new RecordingSink();
    StreamRequests streams = start(WatchConfig.DEFAULTS, sink);
    for (long r = 1; r <= 3_000; r++) {
      apply(r, List.of(created(r, "s", "k" + r, "{}")));
    }
    create(streams, 1, WatchFilter.getDefaultInstance(), 17, false);
    for (long r = 3_001; r <= 3_500; r++) {
      apply(r, List.of(created(r, "s", "k" + r, "{}")));
    }
    Eventually.until("every event from 17", WAIT, () -> sink.events(1).size() == 3_500 - 16);
    List<Long> expected = new ArrayList<>();
    for (long r = 17; r <= 3_500; r++) {
      expected.add(r);
    }
    assertThat(revisions(sink.events(1))).isEqualTo(expected);
  }

  @Test
  void eventsOfOneRevisionTravelTogetherEvenPastTheResponseSize() {
    RecordingSink sink = new RecordingSink();
    StreamRequests streams = start(WatchConfig.DEFAULTS, sink);
    create(streams, 1, WatchFilter.getDefaultInstance(), 0, false);
    String big = "\"" + "x".repeat(100_000) + "\"";
    List<io.statekv.storage.Event> large = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      large.add(created(1, "s", "k" + i, big));
    }
    apply(1, large);
    apply(2, List.of(created(2, "s", "after", "1")));
    Eventually.until("31 events", WAIT, () -> sink.events(1).size() == 31);
    for (WatchResponse r : sink.responses(1)) {
      if (r.getEventsCount() > 0 && r.getEvents(0).getRevision() == 1) {
        assertThat(r.getEventsList()).as("revision 1 in one response").hasSize(30);
      }
    }
  }

  @Test
  void aStartRevisionThatLeftTheHistoryIsRefusedAsCompactedWithTheOldestHeld() {
    RecordingSink sink = new RecordingSink();
    StreamRequests streams = start(WatchConfig.DEFAULTS.withHistoryEventsMax(10), sink);
    for (long r = 1; r <= 30; r++) {
      apply(r, batch(r, 1));
    }
    NodeMessage refused = create(streams, 3, WatchFilter.getDefaultInstance(), 5, false);
    assertThat(refused.getRequestId()).isEqualTo(3);
    assertThat(refused.getError().getCode()).isEqualTo(ErrorCode.COMPACTED);
    assertThat(refused.getError().getOldestRevision()).isEqualTo(21);
    assertThat(create(streams, 4, WatchFilter.getDefaultInstance(), 21, false)).isNull();
    Eventually.until("events from 21", WAIT, () -> sink.events(4).size() == 10);
  }

  @Test
  void aSnapshotResetCancelsWatchersThatWouldMissEventsWithCompacted() {
    RecordingSink sink = new RecordingSink();
    StreamRequests streams = start(WatchConfig.DEFAULTS, sink);
    apply(1, batch(1, 1));
    create(streams, 1, WatchFilter.getDefaultInstance(), 0, false);
    create(streams, 2, WatchFilter.getDefaultInstance(), 200, false);
    history.reset(100);
    fanOut.wake();
    Eventually.until("the cancellation", WAIT, () -> sink.last(1) != null && sink.last(1).getCanceled());
    assertThat(sink.last(1).getCancelReason().getCode()).isEqualTo(ErrorCode.COMPACTED);
    assertThat(sink.last(1).getCancelReason().getOldestRevision()).isEqualTo(101);
    apply(200, batch(200, 1));
    Eventually.until("the future watch's event", WAIT, () -> sink.events(2).size() == 1);
    assertThat(sink.last(2).getCanceled()).isFalse();
  }

  @Test
  void aWatcherThatNeverReadsIsCancelledAsSlowAndNothingPilesUpForIt() {
    RecordingSink slow = new RecordingSink();
    StreamRequests slowStreams = start(WatchConfig.DEFAULTS.withStallMax(Duration.ofMillis(300)), slow);
    RecordingSink healthy = new RecordingSink();
    StreamRequests healthyStreams = new StreamRequests(fanOut, healthy, null);
    create(slowStreams, 1, WatchFilter.getDefaultInstance(), 0, false);
    create(healthyStreams, 1, WatchFilter.getDefaultInstance(), 0, false);
    slow.writable(false);
    int sentBefore = slow.count();
    for (long r = 1; r <= 50; r++) {
      apply(r, batch(r, 1));
    }
    Eventually.until("the cancellation", WAIT, () -> slow.last(1).getCanceled());
    assertThat(slow.last(1).getCancelReason().getCode()).isEqualTo(ErrorCode.SLOW_WATCHER);
    assertThat(slow.count()).as("only the cancellation was queued").isEqualTo(sentBefore + 1);
    Eventually.until("the healthy watcher's events", WAIT, () -> healthy.events(1).size() == 50);
  }

  @Test
  void aLaggingWatcherWhoseNextRevisionIsEvictedIsCancelledAsSlow() {
    RecordingSink sink = new RecordingSink();
    StreamRequests streams = start(WatchConfig.DEFAULTS.withHistoryEventsMax(20), sink);
    create(streams, 1, WatchFilter.getDefaultInstance(), 0, false);
    sink.writable(false);
    for (long r = 1; r <= 100; r++) {
      apply(r, batch(r, 1));
    }
    Eventually.until("the history to move past the watcher", WAIT, () -> history.floor() >= 50);
    sink.writable(true);
    fanOut.wake();
    Eventually.until("the cancellation", WAIT, () -> sink.last(1).getCanceled());
    WatchResponse last = sink.last(1);
    assertThat(last.getCancelReason().getCode()).isEqualTo(ErrorCode.SLOW_WATCHER);
    // A pass that took revision 1 before the sink turned unwritable may still deliver it, so the
    // resume point is whatever was delivered: a gapless prefix, and the revision after it is gone.
    long resume = last.getProgressRevision();
    assertThat(sink.events(1)).extracting(Event::getRevision)
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, resume).boxed().toList());
    assertThat(resume + 1).as("the first revision not delivered").isLessThanOrEqualTo(history.floor());
  }

  @Test
  void aQuietWatchGetsProgressNotificationsWithTheRevisionItIsServedThrough() {
    RecordingSink sink = new RecordingSink();
    StreamRequests streams = start(WatchConfig.DEFAULTS.withProgressInterval(Duration.ofMillis(50)), sink);
    apply(1, batch(1, 1));
    create(streams, 1, WatchFilter.newBuilder().setScope("nothing-here").build(), 0, true);
    create(streams, 2, WatchFilter.newBuilder().setScope("nothing-here").build(), 0, false);
    apply(9, batch(9, 1));
    Eventually.until("a progress notification at 9", WAIT,
        () -> sink.responses(1).stream().anyMatch(r -> !r.getCreated() && r.getProgressRevision() == 9));
    assertThat(sink.events(1)).isEmpty();
    assertThat(sink.responses(2)).as("no notifications unasked").hasSize(1);
    NodeMessage answer = streams.handle(ClientMessage.newBuilder().setRequestId(50)
        .setWatchProgress(WatchProgressRequest.newBuilder().setWatchId(sink.responses(2).get(0).getWatchId())).build()).join();
    assertThat(answer.hasWatch()).isTrue();
    Eventually.until("the requested notification", WAIT, () -> sink.responses(2).size() == 2);
    assertThat(sink.last(2).getProgressRevision()).isEqualTo(9);
  }

  @Test
  void aCancelledWatchGetsItsLastMessageAndNothingAfter() {
    RecordingSink sink = new RecordingSink();
    StreamRequests streams = start(WatchConfig.DEFAULTS, sink);
    create(streams, 5, WatchFilter.getDefaultInstance(), 0, false);
    long watchId = sink.responses(5).get(0).getWatchId();
    NodeMessage answer = streams.handle(ClientMessage.newBuilder().setRequestId(6)
        .setWatchCancel(WatchCancelRequest.newBuilder().setWatchId(watchId)).build()).join();
    assertThat(answer.getWatch().getCanceled()).isTrue();
    assertThat(sink.last(5).getCanceled()).isTrue();
    assertThat(sink.last(5).hasCancelReason()).isFalse();
    apply(1, batch(1, 1));
    NodeMessage unknown = streams.handle(ClientMessage.newBuilder().setRequestId(7)
        .setWatchCancel(WatchCancelRequest.newBuilder().setWatchId(watchId)).build()).join();
    assertThat(unknown.getError().getCode()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(sink.events(5)).isEmpty();
  }

  @Test
  void aClosedTransportsWatchesEndSilently() {
    RecordingSink sink = new RecordingSink();
    StreamRequests streams = start(WatchConfig.DEFAULTS, sink);
    create(streams, 1, WatchFilter.getDefaultInstance(), 0, false);
    streams.close();
    int sent = sink.count();
    apply(1, batch(1, 3));
    RecordingSink other = new RecordingSink();
    StreamRequests otherStreams = new StreamRequests(fanOut, other, null);
    create(otherStreams, 1, WatchFilter.getDefaultInstance(), 1, false);
    Eventually.until("another watcher's events", WAIT, () -> other.events(1).size() == 3);
    assertThat(sink.count()).isEqualTo(sent);
  }

  @Test
  void badRequestsGetTypedErrorsAndLeaveTheFanOutServing() {
    RecordingSink sink = new RecordingSink();
    StreamRequests streams = start(WatchConfig.DEFAULTS, sink);
    NodeMessage badPointer = create(streams, 1, WatchFilter.newBuilder().addChangedPaths("email").build(), 0, false);
    assertThat(badPointer.getError().getCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    NodeMessage badType = create(streams, 2, WatchFilter.newBuilder().addEventTypes("created").build(), 0, false);
    assertThat(badType.getError().getMessage()).contains("unknown event type 'created'");
    NodeMessage noScope = create(streams, 3, WatchFilter.newBuilder().setKeyPrefix("a").build(), 0, false);
    assertThat(noScope.getError().getMessage()).contains("key_prefix needs a scope");
    NodeMessage badStart = create(streams, 4, WatchFilter.getDefaultInstance(), -1, false);
    assertThat(badStart.getError().getMessage()).contains("start_revision");
    assertThat(create(streams, 5, WatchFilter.getDefaultInstance(), 0, false)).isNull();
    NodeMessage sameStream = create(streams, 5, WatchFilter.getDefaultInstance(), 0, false);
    assertThat(sameStream.getError().getMessage()).contains("already names an open watch");
    apply(1, batch(1, 1));
    Eventually.until("the good watch's event", WAIT, () -> sink.events(5).size() == 1);
  }
}
