package io.statekv.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.client.internal.JsonValues;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class WatchEventTest {
  private static byte[] text(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static JsonNode tree(String json) {
    return JsonValues.readTree(text(json));
  }

  @Test
  void valuesGivenAsTextReadAsTheSameTreesAsValuesGivenAsTrees() {
    WatchEvent fromText = WatchEvent.ofJsonText(7, EventType.UPDATED, "s", "k", text("{\"a\":1}"),
        text("{\"a\":2,\"b\":[true,null,\"x\"]}"), "write");
    WatchEvent fromTrees = new WatchEvent(7, EventType.UPDATED, "s", "k", tree("{\"a\":1}"),
        tree("{\"a\":2,\"b\":[true,null,\"x\"]}"), "write");

    assertThat(fromText.oldValue()).isEqualTo(tree("{\"a\":1}"));
    assertThat(fromText.newValue().path("b").get(2).asText()).isEqualTo("x");
    assertThat(fromText).isEqualTo(fromTrees).hasSameHashCodeAs(fromTrees);
    assertThat(fromText.toJson()).isEqualTo(fromTrees.toJson());
    assertThat(fromText.toString()).isEqualTo(fromTrees.toString());
  }

  @Test
  void aValueIsReadOnceAndTheSameTreeIsReturnedAfterwards() {
    WatchEvent e = WatchEvent.ofJsonText(3, EventType.CREATED, "s", "k", null, text("{\"n\":1}"), "write");

    assertThat(e.newValue()).isSameAs(e.newValue());
  }

  @Test
  void absentValuesAreNullAndJsonNullInThePayload() {
    WatchEvent deleted = WatchEvent.ofJsonText(9, EventType.DELETED, "s", "k", text("\"v\""), null, "expired");

    assertThat(deleted.newValue()).isNull();
    assertThat(deleted.oldValue().asText()).isEqualTo("v");
    assertThat(deleted.toJson().get("new_value").isNull()).isTrue();
    assertThat(deleted.toJson().get("reason").asText()).isEqualTo("expired");
  }

  @Test
  void textThatIsNotJsonFailsWhenTheValueIsAskedForNotBefore() {
    WatchEvent e = WatchEvent.ofJsonText(4, EventType.CREATED, "s", "k", null, text("{\"n\":"), "write");

    assertThat(e.key()).isEqualTo("k");
    assertThatThrownBy(e::newValue).isInstanceOf(IllegalStateException.class).hasMessageContaining("not JSON");
  }

  @Test
  void threadsThatAskAtOnceAllGetTheValue() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      askAtOnce(pool);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void askAtOnce(ExecutorService pool) throws Exception {
    for (int round = 0; round < 200; round++) {
      WatchEvent e = WatchEvent.ofJsonText(round, EventType.CREATED, "s", "k", null, text("{\"round\":" + round + "}"),
          "write");
      CyclicBarrier start = new CyclicBarrier(4);
      List<CompletableFuture<JsonNode>> reads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        reads.add(CompletableFuture.supplyAsync(() -> {
          try {
            start.await();
          } catch (Exception ex) {
            throw new IllegalStateException(ex);
          }
          return e.newValue();
        }, pool));
      }
      for (CompletableFuture<JsonNode> read : reads) {
        assertThat(read.get().path("round").intValue()).isEqualTo(round);
      }
    }
  }
}
