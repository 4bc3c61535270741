package io.statekv.node.watch.internal;

import static io.statekv.node.watch.internal.TestEvents.created;
import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.node.watch.WatchConfig;
import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.Event;
import io.statekv.protocol.v1.WatchCreateRequest;
import io.statekv.protocol.v1.WatchFilter;
import io.statekv.protocol.v1.WatchResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Responses shared between the watchers of one transport, through the real fan-out thread. */
class ResponseSharingTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final WatchFilter SCOPE_S = WatchFilter.newBuilder().setScope("s").build();
  private static final WatchFilter KEY_A = WatchFilter.newBuilder().setScope("s").setKey("a").build();

  private final EventHistory history = new EventHistory(WatchConfig.DEFAULTS.historyEventsMax(),
      WatchConfig.DEFAULTS.historyBytesMax());
  private final FanOut fanOut = new FanOut(history, WatchConfig.DEFAULTS, () -> null, "test");

  @AfterEach
  void stop() {
    fanOut.close();
  }

  private static void create(StreamRequests streams, long streamId, WatchFilter filter, boolean shared) {
    assertThat(streams.handle(ClientMessage.newBuilder().setRequestId(streamId).setWatchCreate(
        WatchCreateRequest.newBuilder().setFilter(filter).setSharedResponses(shared)).build()).join()).isNull();
  }

  /** Revision r changes keys a and b of scope s. */
  private void apply(long r) {
    history.append(r, List.of(created(r, "s", "a", "1"), created(r, "s", "b", "2")));
    fanOut.eventsAppended();
  }

  private static List<Long> revisions(RecordingSink sink, long streamId) {
    return sink.events(streamId).stream().map(Event::getRevision).toList();
  }

  private static List<Long> twiceEach(long from, long to) {
    return LongStream.rangeClosed(from, to).flatMap(r -> LongStream.of(r, r)).boxed().toList();
  }

  @Test
  void watchersOfAConnectionThatGetTheSameEventsShareOneResponseAndEachSeesEveryEventOnce() {
    fanOut.start();
    RecordingSink sink = new RecordingSink();
    RecordingSink otherSink = new RecordingSink();
    StreamRequests streams = new StreamRequests(fanOut, sink, null);
    create(streams, 1, SCOPE_S, true);
    create(streams, 2, WatchFilter.getDefaultInstance(), true); // every scope: the same events here
    create(streams, 3, SCOPE_S, true);
    create(streams, 4, SCOPE_S, false); // its client reads no shared responses
    create(streams, 5, KEY_A, true); // other events
    create(new StreamRequests(fanOut, otherSink, null), 1, SCOPE_S, true); // another connection

    apply(1); // serves every watcher, and promotes any still catching up
    Eventually.until("revision 1 everywhere", WAIT, () -> sink.events(4).size() == 2 && sink.events(5).size() == 1
        && sink.events(1).size() == 2 && sink.events(2).size() == 2 && sink.events(3).size() == 2
        && otherSink.events(1).size() == 2);
    int before = sink.eventResponses().size();
    for (long r = 2; r <= 5; r++) {
      apply(r);
      long revision = r;
      Eventually.until("revision " + r, WAIT, () -> sink.events(5).size() == revision && sink.events(4).size() == 2 * revision
          && sink.events(1).size() == 2 * revision && otherSink.events(1).size() == 2 * revision);
    }

    for (long stream : new long[] {1, 2, 3, 4}) {
      assertThat(revisions(sink, stream)).as("stream " + stream).isEqualTo(twiceEach(1, 5));
    }
    assertThat(revisions(sink, 5)).isEqualTo(List.of(1L, 2L, 3L, 4L, 5L));
    List<RecordingSink.Sent> live = sink.eventResponses().subList(before, sink.eventResponses().size());
    assertThat(live).as("one shared, one plain, one for the key watcher per revision").hasSize(3 * 4);
    for (RecordingSink.Sent s : live) {
      Set<Long> streamsOf = streamsOf(s);
      assertThat(streamsOf).isIn(Set.of(1L, 2L, 3L), Set.of(4L), Set.of(5L));
    }
    assertThat(otherSink.eventResponses()).allSatisfy(s -> assertThat(s.response().getAlsoRequestIdsList()).isEmpty());
  }

  private static Set<Long> streamsOf(RecordingSink.Sent s) {
    WatchResponse r = s.response();
    Set<Long> out = r.getAlsoRequestIdsList().stream().collect(Collectors.toSet());
    out.add(s.streamId());
    return out;
  }

  @Test
  void aGroupLargerThanOneResponseNamesIsSplit() {
    fanOut.start();
    RecordingSink sink = new RecordingSink();
    StreamRequests streams = new StreamRequests(fanOut, sink, null);
    int watchers = ResponseSharing.STREAMS_PER_RESPONSE_MAX + 10;
    for (int i = 1; i <= watchers; i++) {
      create(streams, i, SCOPE_S, true);
    }
    apply(1);
    Eventually.until("revision 1 everywhere", WAIT,
        () -> LongStream.rangeClosed(1, watchers).allMatch(i -> sink.events(i).size() == 2));
    int before = sink.eventResponses().size();
    apply(2);
    Eventually.until("revision 2 everywhere", WAIT,
        () -> LongStream.rangeClosed(1, watchers).allMatch(i -> sink.events(i).size() == 4));

    List<RecordingSink.Sent> live = sink.eventResponses().subList(before, sink.eventResponses().size());
    assertThat(live).hasSize(2);
    assertThat(live.stream().mapToInt(s -> streamsOf(s).size()).sorted().toArray())
        .containsExactly(10, ResponseSharing.STREAMS_PER_RESPONSE_MAX);
  }
}
