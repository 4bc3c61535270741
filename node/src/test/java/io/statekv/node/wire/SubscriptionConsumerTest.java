package io.statekv.node.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statekv.client.InvalidArgumentException;
import io.statekv.client.NotFoundException;
import io.statekv.client.StateKvClient;
import io.statekv.client.SubscriptionConsumer;
import io.statekv.client.SubscriptionInfo;
import io.statekv.client.WatchEvent;
import io.statekv.client.WatchFilter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable subscriptions against a real cluster: a consumer killed mid-stream (its client gone,
 * acknowledgements behind what it received) and then a leader kill; the next consumer resumes
 * right after the last acknowledgement and misses nothing.
 */
class SubscriptionConsumerTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int BEFORE_KILL = 40;
  private static final int ACKED = 20;
  private static final int AFTER_KILL = 15;

  @TempDir
  Path root;

  private static List<String> keys(List<WatchEvent> events) {
    return events.stream().map(WatchEvent::key).toList();
  }

  private static List<String> orders(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> "o" + i).toList();
  }

  @Test
  void aConsumerKilledMidStreamIsResumedFromItsLastAckAcrossALeaderKill() throws Exception {
    try (LocalCluster cluster = LocalCluster.started(root, 3);
        StateKvClient writer = StateKvClient.builder().endpoints(cluster.endpoints()).requestTimeout(Duration.ofSeconds(20)).build()) {
      cluster.awaitLeader();
      writer.subscriptions().create("billing", WatchFilter.scope("orders"), 0);
      List<Long> revisions = new ArrayList<>();
      for (int i = 0; i < BEFORE_KILL; i++) {
        revisions.add(writer.set("orders", "o" + i, i).entry().revision());
      }
      long ackedRevision = consumeThenDie(cluster, revisions.get(ACKED - 1));
      assertThat(writer.subscriptions().get("billing").ackedRevision()).isEqualTo(ackedRevision);

      cluster.stop(cluster.awaitLeader());
      for (int i = BEFORE_KILL; i < BEFORE_KILL + AFTER_KILL; i++) {
        writer.set("orders", "o" + i, i);
      }
      WatchRecorder second = new WatchRecorder();
      try (SubscriptionConsumer consumer = writer.subscriptions().consume("billing", second)) {
        Await.until("every order after the acknowledgement", WAIT, () -> second.count() >= BEFORE_KILL + AFTER_KILL - ACKED);
        List<WatchEvent> events = second.events();
        assertThat(keys(events)).as("from the last ack on, each once, in order")
            .containsExactlyElementsOf(orders(ACKED, BEFORE_KILL + AFTER_KILL));
        assertThat(events.get(0).revision()).isEqualTo(revisions.get(ACKED));
        long last = events.get(events.size() - 1).revision();
        assertThat(consumer.ack(last).join()).isEqualTo(last);
        assertThat(second.errors()).isEmpty();
      }
      assertThat(writer.subscriptions().get("billing").ackedRevision()).isEqualTo(writer.subscriptions().list().get(0).ackedRevision())
          .isGreaterThan(ackedRevision);
    }
  }

  /** A consumer on its own client receives everything, acknowledges only the first orders, and its client dies. */
  private static long consumeThenDie(LocalCluster cluster, long ackAt) {
    StateKvClient doomed = StateKvClient.builder().endpoints(cluster.endpoints()).build();
    WatchRecorder first = new WatchRecorder();
    SubscriptionConsumer consumer = doomed.subscriptions().consume("billing", first);
    Await.until("every order before the kill", WAIT, () -> first.count() == BEFORE_KILL);
    assertThat(keys(first.events())).containsExactlyElementsOf(orders(0, BEFORE_KILL));
    long acked = consumer.ack(ackAt).join();
    doomed.close();
    return acked;
  }

  @Test
  void aSubscriptionWhosePositionLeftEveryHistoryIsReportedCompacted() throws Exception {
    try (LocalCluster cluster = new LocalCluster(root, 3, Duration.ofMillis(800), Duration.ofMillis(1600))
            .watchConfig(io.statekv.node.watch.WatchConfig.DEFAULTS.withHistoryEventsMax(20))) {
      cluster.startAll();
      cluster.awaitLeader();
      try (StateKvClient client = StateKvClient.builder().endpoints(cluster.endpoints()).requestTimeout(Duration.ofSeconds(20)).build()) {
        SubscriptionInfo created = client.subscriptions().create("stale", WatchFilter.scope("busy"), 0);
        for (int i = 0; i < 50; i++) {
          client.set("busy", "k" + i, i);
        }
        WatchRecorder recorder = new WatchRecorder();
        SubscriptionConsumer consumer = client.subscriptions().consume("stale", recorder);
        Await.until("the consumer's end", WAIT, () -> consumer.done().isDone());
        assertThat(recorder.events()).isEmpty();
        assertThat(recorder.errors()).singleElement().isInstanceOfSatisfying(io.statekv.client.CompactedException.class,
            e -> assertThat(e.oldestRevision()).isGreaterThan(created.ackedRevision() + 1));
      }
    }
  }

  @Test
  void badSubscriptionRequestsGetTypedErrors() throws Exception {
    try (LocalCluster cluster = LocalCluster.started(root, 3);
        StateKvClient client = StateKvClient.builder().endpoints(cluster.endpoints()).requestTimeout(Duration.ofSeconds(20)).build()) {
      cluster.awaitLeader();
      assertThatThrownBy(() -> client.subscriptions().get("nope")).isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> client.subscriptions().create("bad", WatchFilter.scope("s").withChangedPaths("x"), 0))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("JSON pointer");
      WatchRecorder unknown = new WatchRecorder();
      SubscriptionConsumer missing = client.subscriptions().consume("nope", unknown);
      Await.until("the refusal", WAIT, () -> missing.done().isDone());
      assertThat(unknown.errors()).singleElement().isInstanceOf(NotFoundException.class);

      SubscriptionInfo created = client.subscriptions().create("audit", WatchFilter.scope("s"), 0);
      long revision = client.set("s", "k", 1).entry().revision();
      WatchRecorder recorder = new WatchRecorder();
      SubscriptionConsumer consumer = client.subscriptions().consume("audit", recorder);
      Await.until("the event", WAIT, () -> recorder.count() == 1);
      assertThatThrownBy(() -> consumer.ack(revision + 1000).join()).isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(InvalidArgumentException.class);
      assertThat(client.subscriptions().list()).extracting(SubscriptionInfo::name).containsExactly("audit");
      assertThat(client.subscriptions().delete("audit").createRevision()).isEqualTo(created.createRevision());
      Await.until("the consumer's end", WAIT, () -> consumer.done().isDone());
      assertThat(recorder.errors()).singleElement().isInstanceOf(NotFoundException.class);
      assertThat(client.subscriptions().list()).isEmpty();
    }
  }
}
