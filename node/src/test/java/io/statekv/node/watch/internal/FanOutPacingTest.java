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

  private StreamRequests start(Duration interval, RecordingSink sink) {
    fanOut = new FanOut(history, WatchConfig.DEFAULTS.withBatchInterval(interval), () -> null, "test");
    fanOut.start();
    StreamRequests streams = new StreamRequests(fanOut, sink, null);
    assertThat(streams.handle(ClientMessage.newBuilder().setRequestId(1).setWatchCreate(
        WatchCreateRequest.newBuilder().setFilter(WatchFilter.newBuilder().setScope("s"))).build()).join()).isNull();
    return streams;
  }

  private void apply(long r) {
    history.append(r, List.of(created(r, "s", "k" + r, "1")));
    fanOut.wake();
  }

  @Test
  void eventsAppliedWhileTheIntervalRunsLeaveTogetherWhenItEnds() {
    RecordingSink sink = new RecordingSink();
    start(INTERVAL, sink);
    long start = System.nanoTime();
    apply(1);
    Eventually.until("revision 1", WAIT, () -> sink.events(1).size() == 1);
    apply(2);
    apply(3);
    apply(4);
    long applied = System.nanoTime() - start;
    Eventually.until("revisions 2 to 4", WAIT, () -> sink.events(1).size() == 4);

    assertThat(Duration.ofNanos(applied)).as("revisions 2 to 4 were applied within the interval of the round that "
        + "sent revision 1").isLessThan(INTERVAL);
    List<RecordingSink.Sent> sent = sink.eventResponses();
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1).response().getEventsList().stream().map(Event::getRevision)).containsExactly(2L, 3L, 4L);
    assertThat(Duration.ofNanos(sent.get(1).atNanos() - start)).as("the second response waited out the interval")
        .isGreaterThanOrEqualTo(INTERVAL);
  }

  @Test
  void anIntervalOutsideItsBoundsIsRefused() {
    assertThatThrownBy(() -> WatchConfig.DEFAULTS.withBatchInterval(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch interval");
    assertThatThrownBy(() -> WatchConfig.DEFAULTS.withBatchInterval(WatchConfig.BATCH_INTERVAL_MAX.plusMillis(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch interval");
  }
}
