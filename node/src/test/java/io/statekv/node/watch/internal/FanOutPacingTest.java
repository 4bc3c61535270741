package io.statekv.node.watch.internal;

import static io.statekv.node.watch.internal.TestEvents.created;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statekv.node.watch.WatchConfig;
import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.Event;
import io.statekv.protocol.v1.WatchCreateRequest;
import io.statekv.protocol.v1.WatchFilter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The batch interval of the fan-out thread: after a round that wrote, the next waits it out. */
class FanOutPacingTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration INTERVAL = WatchConfig.BATCH_INTERVAL_MAX;

  private final EventHistory history = new EventHistory(WatchConfig.DEFAULTS.historyEventsMax(),
      WatchConfig.DEFAULTS.historyBytesMax());
  private FanOut fanOut;

  @AfterEach
  void stop() {
    if (fanOut != null) {
      fanOut.close();
    }
  }

  private void apply(long r) {
    history.append(r, List.of(created(r, "s", "k" + r, "1")));
    fanOut.eventsAppended();
  }

  private static void create(StreamRequests streams, long streamId) {
    assertThat(streams.handle(ClientMessage.newBuilder().setRequestId(streamId).setWatchCreate(
        WatchCreateRequest.newBuilder().setFilter(WatchFilter.newBuilder().setScope("s"))).build()).join()).isNull();
  }

  /**
   * A round that creates a watch writes its {@code created} response, so the thread then waits out
   * the interval: events applied meanwhile leave after it, together. A first revision warms the
   * path up, so that without the interval the events would leave within a few milliseconds.
   *
   * <p>The events are applied only once the round that created watch 2 has ended (its flush):
   * applied as soon as the create returns, they could still reach that round's live pass, which
   * may itself be the end of revision 1's interval. That round takes the create from the fan-out's
   * inbox, where it went after {@code submitted}, so it starts after it (unless it began in the
   * instant between, which needs the test to stall for a whole interval first); stalls of the test
   * can only make the events later.
   */
  @Test
  void eventsAppliedWhileTheIntervalRunsWaitForItsEndAndLeaveTogether() {
    fanOut = new FanOut(history, WatchConfig.DEFAULTS.withBatchInterval(INTERVAL), () -> null, "test");
    fanOut.start();
    RecordingSink sink = new RecordingSink();
    StreamRequests streams = new StreamRequests(fanOut, sink, null);
    create(streams, 1);
    apply(1);
    Eventually.until("revision 1", WAIT, () -> sink.events(1).size() == 1);

    long submitted = System.nanoTime();
    create(streams, 2);
    Eventually.until("watch 2's created response", WAIT, () -> sink.firstSentAtNanos(2) >= 0);
    long created = sink.firstSentAtNanos(2);
    Eventually.until("the end of the round that created watch 2", WAIT, () -> sink.flushedSince(created));
    for (long r = 2; r <= 5; r++) {
      apply(r);
    }
    Eventually.until("revisions 2 to 5", WAIT, () -> sink.events(2).size() == 4 && sink.events(1).size() == 5);

    assertThat(sink.events(1).stream().map(Event::getRevision)).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(sink.events(2).stream().map(Event::getRevision)).containsExactly(2L, 3L, 4L, 5L);
    List<RecordingSink.Sent> sent = sink.eventResponses();
    RecordingSink.Sent first = sent.get(1);
    assertThat(first.response().getEvents(0).getRevision()).isEqualTo(2);
    assertThat(Duration.ofNanos(first.atNanos() - submitted))
        .as("revision 2 waited out the interval that began with the round that created watch 2")
        .isGreaterThanOrEqualTo(INTERVAL);
    // One response per watch for revisions 2 to 5 (two, should a stall of the test split the
    // appends over two intervals), not one per event.
    assertThat(sent).as("revision 1, then revisions 2 to 5 together").hasSizeLessThanOrEqualTo(1 + 2 * 2);
  }

  @Test
  void anIntervalOutsideItsBoundsIsRefused() {
    assertThatThrownBy(() -> WatchConfig.DEFAULTS.withBatchInterval(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch interval");
    assertThatThrownBy(() -> WatchConfig.DEFAULTS.withBatchInterval(WatchConfig.BATCH_INTERVAL_MAX.plusMillis(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch interval");
  }
}
