package io.statekv.node.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.client.CompactedException;
import io.statekv.client.EventType;
import io.statekv.client.InvalidArgumentException;
import io.statekv.client.StateKvClient;
import io.statekv.client.UpdateOp;
import io.statekv.client.Watch;
import io.statekv.client.WatchEvent;
import io.statekv.client.WatchFilter;
import io.statekv.node.watch.WatchConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Watch filters, progress, compaction and bad input, through the client against a real cluster. */
class WatchClientTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  static Path root;
  static LocalCluster cluster;
  static StateKvClient client;

  @BeforeAll
  static void start() throws Exception {
    cluster = new LocalCluster(root, 3, Duration.ofMillis(800), Duration.ofMillis(1600))
        .watchConfig(WatchConfig.DEFAULTS.withHistoryEventsMax(50).withProgressInterval(Duration.ofMillis(100)));
    cluster.startAll();
    cluster.awaitLeader();
    client = StateKvClient.builder().endpoints(cluster.endpoints()).requestTimeout(Duration.ofSeconds(20)).build();
  }

  @AfterAll
  static void stop() {
    client.close();
    cluster.close();
  }

  private static long write(String scope, String key, Object value) {
    return client.set(scope, key, value).entry().revision();
  }

  private static List<String> keys(WatchRecorder recorder) {
    return recorder.events().stream().map(WatchEvent::key).toList();
  }

  @Test
  void aPrefixWatchSeesOnlyItsKeysAsIiiEventsWithRevisionAndReason() {
    WatchRecorder recorder = new WatchRecorder();
    long from = write("users", "seed", 0) + 1;
    try (Watch watch = client.watch(WatchFilter.scope("users").withKeyPrefix("u1"), from, recorder)) {
      write("users", "u10", Map.of("name", "Ada"));
      write("users", "u2", 1);
      write("orders", "u11", 1);
      long last = client.update("users", "u10", UpdateOp.set("name", "Grace")).entry().revision();
      client.delete("users", "u10");
      Await.until("three events", WAIT, () -> recorder.count() == 3);
      assertThat(keys(recorder)).containsExactly("u10", "u10", "u10");
      List<WatchEvent> events = recorder.events();
      assertThat(events).extracting(WatchEvent::type).containsExactly(EventType.CREATED, EventType.UPDATED, EventType.DELETED);
      assertThat(events.get(1).revision()).isEqualTo(last);
      JsonNode json = events.get(1).toJson();
      assertThat(json.get("type").asText()).isEqualTo("state");
      assertThat(json.get("event_type").asText()).isEqualTo("state:updated");
      assertThat(json.get("scope").asText()).isEqualTo("users");
      assertThat(json.get("key").asText()).isEqualTo("u10");
      assertThat(json.get("old_value").get("name").asText()).isEqualTo("Ada");
      assertThat(json.get("new_value").get("name").asText()).isEqualTo("Grace");
      assertThat(json.get("revision").asLong()).isEqualTo(last);
      assertThat(json.get("reason").asText()).isEqualTo("write");
      assertThat(events.get(2).toJson().get("new_value").isNull()).isTrue();
    }
  }

  @Test
  void manyWatchesOfOneClientEachSeeEveryEventOnceThoughANodeSendsThemOneSharedResponse() {
    List<WatchRecorder> recorders = new ArrayList<>();
    List<Watch> watches = new ArrayList<>();
    for (int i = 0; i < 12; i++) { // at least four on one node's connection: their live responses are shared
      recorders.add(new WatchRecorder());
      watches.add(client.watch(i % 2 == 0 ? WatchFilter.scope("fan") : WatchFilter.scope("fan").withKeyPrefix("k"), 0,
          recorders.get(i)));
    }
    try {
      Await.until("every watch to start", WAIT, () -> watches.stream().allMatch(w -> w.lastRevision() > 0));
      List<Long> written = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        written.add(write("fan", "k" + i % 4, i));
      }
      for (WatchRecorder r : recorders) {
        Await.until("30 events", WAIT, () -> r.count() >= 30);
        assertThat(r.events()).extracting(WatchEvent::revision).isEqualTo(written);
      }
    } finally {
      watches.forEach(Watch::cancel);
    }
  }

  @Test
  void eventTypesAndChangedPathsNarrowTheEvents() {
    WatchRecorder deletes = new WatchRecorder();
    WatchRecorder emails = new WatchRecorder();
    long from = write("people", "seed", 0) + 1;
    try (Watch d = client.watch(WatchFilter.scope("people").withEventTypes(EventType.DELETED), from, deletes);
        Watch e = client.watch(WatchFilter.scope("people").withChangedPaths("/email"), from, emails)) {
      write("people", "p1", Map.of("email", "a@x", "visits", 1));
      client.update("people", "p1", UpdateOp.increment("visits", 1));
      client.update("people", "p1", UpdateOp.set("email", "b@x"));
      write("people", "p2", Map.of("visits", 1));
      client.delete("people", "p2");
      long last = client.delete("people", "p1").revision();
      Await.until("every delete", WAIT, () -> deletes.count() == 2);
      Await.until("the email changes", WAIT, () -> emails.count() == 3);
      assertThat(keys(deletes)).containsExactly("p2", "p1");
      assertThat(emails.events()).extracting(WatchEvent::type)
          .as("created with an email, the email changed, deleted with an email; the visits change and p2 never match")
          .containsExactly(EventType.CREATED, EventType.UPDATED, EventType.DELETED);
      assertThat(emails.events().get(2).revision()).isEqualTo(last);
    }
  }

  @Test
  void theEventsOfOneTxnArriveTogetherAtOneRevision() {
    WatchRecorder recorder = new WatchRecorder();
    long from = write("txn", "seed", 0) + 1;
    try (Watch watch = client.watch(WatchFilter.scope("txn"), from, recorder)) {
      long revision = client.txn()
          .then(io.statekv.client.TxnOp.set("txn", "a", 1), io.statekv.client.TxnOp.set("txn", "b", 2))
          .commit().revision();
      Await.until("the txn's events", WAIT, () -> recorder.count() == 2);
      assertThat(recorder.calls()).hasSize(1);
      assertThat(recorder.calls().get(0)).extracting(WatchEvent::revision).containsOnly(revision);
    }
  }

  @Test
  void anExpiryIsOneDeletedEventWithReasonExpired() {
    WatchRecorder recorder = new WatchRecorder();
    long from = write("leases", "seed", 0) + 1;
    try (Watch watch = client.watch(WatchFilter.scope("leases").withKey("job"), from, recorder, true)) {
      client.set("leases", "job", "worker-3", io.statekv.client.WriteOptions.ttl(Duration.ofSeconds(1)));
      Await.until("the expiry", WAIT, () -> recorder.count() == 2);
      long later = write("leases", "after", 1);
      Await.until("the watch to pass revision " + later, WAIT, () -> watch.lastRevision() >= later);
      List<WatchEvent> events = recorder.events();
      assertThat(events).extracting(WatchEvent::type).containsExactly(EventType.CREATED, EventType.DELETED);
      WatchEvent expired = events.get(1);
      assertThat(expired.reason()).isEqualTo("expired");
      assertThat(expired.oldValue().asText()).isEqualTo("worker-3");
      assertThat(expired.newValue()).isNull();
      assertThat(expired.toJson().get("new_value").isNull()).isTrue();
    }
  }

  @Test
  void aQuietWatchGetsProgressUpToTheNewestRevision() {
    WatchRecorder recorder = new WatchRecorder();
    try (Watch watch = client.watch(WatchFilter.scope("quiet"), 0, recorder, true)) {
      long elsewhere = write("busy", "k", 1);
      Await.until("progress past " + elsewhere, WAIT, () -> recorder.lastProgress.get() >= elsewhere);
      assertThat(watch.lastRevision()).isGreaterThanOrEqualTo(elsewhere);
      assertThat(recorder.events()).isEmpty();
    }
  }

  @Test
  void aStartThatLeftEveryNodesHistoryEndsTheWatchWithCompacted() {
    long first = write("old", "k0", 0);
    for (int i = 1; i <= 80; i++) {
      write("old", "k" + i, i);
    }
    WatchRecorder recorder = new WatchRecorder();
    Watch watch = client.watch(WatchFilter.scope("old"), first, recorder);
    Await.until("the end of the watch", WAIT, () -> watch.done().isDone());
    assertThat(recorder.errors()).singleElement().isInstanceOfSatisfying(CompactedException.class,
        e -> assertThat(e.oldestRevision()).isGreaterThan(first));
    assertThat(recorder.events()).isEmpty();
  }

  @Test
  void aBadFilterEndsTheWatchWithInvalidArgumentAndTheNodesServeOthers() {
    WatchRecorder bad = new WatchRecorder();
    Watch watch = client.watch(WatchFilter.ALL.withChangedPaths("email"), 0, bad);
    Await.until("the refusal", WAIT, () -> watch.done().isDone());
    assertThat(bad.errors()).singleElement().isInstanceOf(InvalidArgumentException.class);
    assertThat(bad.errors().get(0).getMessage()).contains("JSON pointer");
    WatchRecorder noScope = new WatchRecorder();
    Watch prefixOnly = client.watch(WatchFilter.ALL.withKeyPrefix("a"), 0, noScope);
    Await.until("the refusal", WAIT, () -> prefixOnly.done().isDone());
    assertThat(noScope.errors().get(0).getMessage()).contains("key_prefix needs a scope");

    WatchRecorder good = new WatchRecorder();
    long from = write("fine", "seed", 0) + 1;
    try (Watch ok = client.watch(WatchFilter.scope("fine"), from, good)) {
      write("fine", "k", 1);
      Await.until("an event", WAIT, () -> good.count() == 1);
    }
  }
}
