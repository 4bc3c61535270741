package io.statekv.node;

import static io.statekv.node.HttpJson.json;
import static io.statekv.node.HttpJson.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /v1/watch} end to end: Server-Sent Events over a real socket from a follower of a
 * real 3-node cluster, resumed with {@code Last-Event-ID}, and refused or cancelled with typed
 * errors.
 */
class WatchSseTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int HISTORY_EVENTS_MAX = 40;

  @TempDir
  static Path dir;
  static LocalCluster cluster;
  static String follower;

  @BeforeAll
  static void start() throws InterruptedException {
    cluster = LocalCluster.start(3, dir, "watch_history_events_max: " + HISTORY_EVENTS_MAX + "\n"
        + "watch_batch_interval_ms: 2\n");
    follower = cluster.httpBase((cluster.awaitLeader(Duration.ofSeconds(60)) + 1) % 3);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static long set(String scope, String key, String valueJson) {
    HttpJson.Answer a = post(follower, "/v1/state/set",
        "{\"scope\":\"" + scope + "\",\"key\":\"" + key + "\",\"value\":" + valueJson + "}");
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    return a.json().get("revision").asLong();
  }

  @Test
  void eventsArriveAsIiiPayloadsWithTheRevisionAsIdAndResumeAfterLastEventId() throws Exception {
    long from = set("sse", "seed", "0") + 1;
    List<SseStream.Frame> seen = new ArrayList<>();
    try (SseStream stream = SseStream.open(follower, "/v1/watch?scope=sse&prefix=u&from_revision=" + from, null)) {
      assertThat(stream.status()).isEqualTo(200);
      assertThat(stream.contentType()).startsWith("text/event-stream");
      set("sse", "u1", "{\"name\":\"Ada\"}");
      set("sse", "other", "1");
      set("sse", "u1", "{\"name\":\"Grace\"}");
      set("sse", "u2", "2");
      for (int i = 0; i < 3; i++) {
        seen.add(stream.nextNonProgress(WAIT));
      }
    }
    assertThat(seen).extracting(SseStream.Frame::event).containsOnly("state");
    JsonNode updated = json(seen.get(1).data());
    assertThat(updated.get("type").asText()).isEqualTo("state");
    assertThat(updated.get("event_type").asText()).isEqualTo("state:updated");
    assertThat(updated.get("scope").asText()).isEqualTo("sse");
    assertThat(updated.get("key").asText()).isEqualTo("u1");
    assertThat(updated.get("old_value")).isEqualTo(json("{\"name\":\"Ada\"}"));
    assertThat(updated.get("new_value")).isEqualTo(json("{\"name\":\"Grace\"}"));
    assertThat(updated.get("reason").asText()).isEqualTo("write");
    assertThat(seen.get(1).id()).isEqualTo(updated.get("revision").asText());

    try (SseStream resumed = SseStream.open(follower, "/v1/watch?scope=sse&prefix=u&from_revision=" + from, seen.get(1).id())) {
      SseStream.Frame first = resumed.nextNonProgress(WAIT);
      assertThat(first.id()).as("resumed after the last event id, not from from_revision").isEqualTo(seen.get(2).id());
      assertThat(json(first.data()).get("key").asText()).isEqualTo("u2");
    }
  }

  @Test
  void theNodesMetricsCountWhatItsFanOutDelivers() throws Exception {
    long from = set("metered", "seed", "0") + 1;
    double deliveredBefore = metric("statekv_watch_deliveries_total");
    double flushesBefore = metric("statekv_watch_flushes_total");
    try (SseStream stream = SseStream.open(follower, "/v1/watch?scope=metered&from_revision=" + from, null)) {
      for (int i = 0; i < 3; i++) {
        set("metered", "k" + i, Integer.toString(i));
      }
      for (int i = 0; i < 3; i++) {
        stream.nextNonProgress(WAIT);
      }
      assertThat(metric("statekv_watch_watchers")).isGreaterThanOrEqualTo(1);
    }
    assertThat(metric("statekv_watch_deliveries_total") - deliveredBefore).isGreaterThanOrEqualTo(3);
    assertThat(metric("statekv_watch_flushes_total") - flushesBefore).isGreaterThanOrEqualTo(1);
    assertThat(metric("statekv_watch_history_events")).isBetween(1.0, (double) HISTORY_EVENTS_MAX);
  }

  /** A metric without labels, from the follower's {@code /metrics}. */
  private static double metric(String name) {
    HttpJson.Answer a = HttpJson.get(follower, "/metrics");
    assertThat(a.status()).isEqualTo(200);
    return a.body().lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1)))
        .findFirst().orElseThrow(() -> new AssertionError(name + " missing from /metrics"));
  }

  @Test
  void aQuietStreamGetsProgressWithTheAppliedRevisionAsId() throws Exception {
    try (SseStream stream = SseStream.open(follower, "/v1/watch?scope=nothing-here", null)) {
      long elsewhere = set("busy", "k", "1");
      long progressed = 0;
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (progressed < elsewhere && System.nanoTime() < deadline) {
        SseStream.Frame f = stream.next(WAIT);
        assertThat(f.event()).isEqualTo("progress");
        progressed = Long.parseLong(f.id());
        assertThat(json(f.data()).get("revision").asLong()).isEqualTo(progressed);
      }
      assertThat(progressed).isGreaterThanOrEqualTo(elsewhere);
    }
  }

  @Test
  void aStartOutOfHistoryIsAnErrorEventWithCompactedAndTheStreamEnds() throws Exception {
    long first = set("old", "k0", "0");
    for (int i = 1; i <= HISTORY_EVENTS_MAX + 10; i++) {
      set("old", "k" + i, String.valueOf(i));
    }
    try (SseStream stream = SseStream.open(follower, "/v1/watch?scope=old&from_revision=" + first, null)) {
      assertThat(stream.status()).isEqualTo(200);
      SseStream.Frame error = stream.nextNonProgress(WAIT);
      assertThat(error.event()).isEqualTo("error");
      JsonNode e = json(error.data()).get("error");
      assertThat(e.get("code").asText()).isEqualTo("compacted");
      assertThat(e.get("oldest_revision").asLong()).isGreaterThan(first);
      assertThat(stream.next(WAIT).event()).isEqualTo("eof");
    }
  }

  @Test
  void badFiltersAreRefusedWithTypedErrorsAndTheNodeServesOthers() throws Exception {
    assertRefused("/v1/watch?scope=s&changed_path=email", "JSON pointer");
    assertRefused("/v1/watch?scope=s&types=state:renamed", "unknown event type");
    assertRefused("/v1/watch?prefix=a", "key_prefix needs a scope");
    assertRefused("/v1/watch?scope=s&prefix=", "prefix is empty");
    assertRefused("/v1/watch?scope=s&from_revision=soon", "revision number");
    assertRefused("/v1/watch?scope=s&colour=red", "unknown query parameter");
    HttpJson.Answer post = post(follower, "/v1/watch", "");
    assertThat(post.status()).isEqualTo(405);

    long from = set("fine", "seed", "0") + 1;
    try (SseStream ok = SseStream.open(follower, "/v1/watch?scope=fine&types=created,deleted&from_revision=" + from, null)) {
      set("fine", "seed", "1");
      set("fine", "k", "1");
      assertThat(json(ok.nextNonProgress(WAIT).data()).get("key").asText()).isEqualTo("k");
    }
  }

  private static void assertRefused(String pathAndQuery, String message) throws Exception {
    try (SseStream refused = SseStream.open(follower, pathAndQuery, null)) {
      assertThat(refused.status()).as(pathAndQuery).isEqualTo(400);
      assertThat(refused.contentType()).startsWith("application/json");
      SseStream.Frame body = refused.next(WAIT);
      // The JSON body is one line without an SSE field name, so the reader sees no frame but the end.
      assertThat(body.event()).isEqualTo("eof");
    }
    HttpJson.Answer answer = HttpJson.get(follower, pathAndQuery);
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().at("/error/code").asText()).isEqualTo("invalid_argument");
    assertThat(answer.json().at("/error/message").asText()).contains(message);
  }
}
