package io.statekv.storage.internal;

import static io.statekv.storage.internal.StoreHarness.START_MILLIS;
import static io.statekv.storage.internal.StoreHarness.json;
import static io.statekv.storage.internal.StoreHarness.set;
import static io.statekv.storage.internal.StoreHarness.setTtl;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.statekv.storage.ApplyOutput;
import io.statekv.storage.Command;
import io.statekv.storage.Event;
import io.statekv.storage.EventType;
import io.statekv.storage.Failure;
import io.statekv.storage.Result;
import io.statekv.storage.UpdateOp;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How apply uses update ops and merge patch: events, versions, TTL, limits and rollback. The ops
 * themselves are tested with their implementation; these cases use the simplest ones.
 */
class UpdatePatchApplyTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final StoreHarness h = new StoreHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private static Command.Update update(String key, UpdateOp... ops) {
    return new Command.Update("s", key, List.of(ops), Command.NO_TTL, Command.ANY_REVISION);
  }

  private static Command.Patch patch(String key, String patch) {
    return new Command.Patch("s", key, json(patch), Command.NO_TTL, Command.ANY_REVISION);
  }

  @Test
  void updateOfAMissingKeyStartsFromAnEmptyObjectAndFiresCreated() {
    ApplyOutput out = h.entry(update("k", new UpdateOp.Set("status", F.textNode("active"))));

    Result.Written w = (Result.Written) out.results().get(0);
    assertThat(w.oldValue()).isNull();
    assertThat(w.newValue()).isEqualTo(json("{\"status\":\"active\"}"));
    assertThat(w.entry().version()).isEqualTo(1);
    assertThat(w.errors()).isEmpty();
    assertThat(out.events()).extracting(Event::type).containsExactly(EventType.CREATED);
  }

  @Test
  void updateAlwaysWritesEvenWhenNothingChanges() {
    h.apply(set("s", "k", "{\"a\":1}"));
    ApplyOutput out = h.entry(update("k", new UpdateOp.Set("a", F.numberNode(1))));

    assertThat(out.events())
        .containsExactly(new Event(2, EventType.UPDATED, "s", "k", json("{\"a\":1}"), json("{\"a\":1}"), Event.Reason.WRITE));
    assertThat(h.get("s", "k").version()).isEqualTo(2);
  }

  @Test
  void updateOpsApplyBestEffortAndReportTheirErrors() {
    h.apply(set("s", "k", "{\"n\":null,\"c\":1}"));
    Result.Written w =
        (Result.Written) h.apply(update("k", new UpdateOp.Increment("n", 1), new UpdateOp.Increment("c", 2)));

    assertThat(w.newValue()).isEqualTo(json("{\"n\":null,\"c\":3}"));
    assertThat(w.errors()).hasSize(1);
    assertThat(w.errors().get(0).opIndex()).isZero();
    assertThat(w.errors().get(0).code()).isEqualTo("increment.not_number");
  }

  @Test
  void updateKeepsTheExpiryUnlessATtlIsGiven() {
    h.apply(setTtl("s", "k", "{}", 60));
    assertThat(h.write(update("k", new UpdateOp.Set("a", F.numberNode(1)))).expiresAt())
        .isEqualTo(START_MILLIS + 60_000);
    assertThat(
            h.write(new Command.Update("s", "k", List.of(new UpdateOp.Remove("a")), 5, Command.ANY_REVISION))
                .expiresAt())
        .isEqualTo(START_MILLIS + 5_000);
  }

  @Test
  void anUpdateWhoseResultIsTooLargeChangesNothing() {
    String half = "x".repeat(600_000);
    h.apply(set("s", "k", "{\"a\":\"" + half + "\"}"));
    Result r = h.apply(update("k", new UpdateOp.Set("b", F.textNode(half))));

    assertThat(((Result.Failed) r).failure()).isEqualTo(Failure.VALUE_TOO_LARGE);
    assertThat(h.get("s", "k").version()).isEqualTo(1);
  }

  @Test
  void patchMergesRecursivelyAndNullRemoves() {
    h.apply(set("s", "k", "{\"a\":{\"b\":1,\"c\":2},\"d\":true}"));
    Result.Written w = (Result.Written) h.apply(patch("k", "{\"a\":{\"c\":null,\"e\":3},\"d\":null}"));

    assertThat(w.newValue()).isEqualTo(json("{\"a\":{\"b\":1,\"e\":3}}"));
    assertThat(w.oldValue()).isEqualTo(json("{\"a\":{\"b\":1,\"c\":2},\"d\":true}"));
    assertThat(w.entry().version()).isEqualTo(2);
  }

  @Test
  void patchOfAMissingKeyCreatesItWithoutTheNulls() {
    ApplyOutput out = h.entry(patch("k", "{\"x\":1,\"y\":null}"));

    assertThat(((Result.Written) out.results().get(0)).newValue()).isEqualTo(json("{\"x\":1}"));
    assertThat(out.events()).extracting(Event::type).containsExactly(EventType.CREATED);
  }

  @Test
  void patchHonoursIfRevision() {
    h.apply(set("s", "k", "{}"));
    Result r = h.apply(new Command.Patch("s", "k", json("{\"a\":1}"), Command.NO_TTL, 7));

    assertThat(((Result.Failed) r).failure()).isEqualTo(Failure.CONFLICT);
    assertThat(h.get("s", "k").value()).isEqualTo(json("{}"));
  }

  @Test
  void updateAndPatchInsideATxnSeeEachOther() {
    Result.TxnDone done =
        (Result.TxnDone)
            h.apply(
                new Command.Txn(
                    List.of(),
                    List.of(update("k", new UpdateOp.Increment("n", 5)), patch("k", "{\"m\":2}"), update("k", new UpdateOp.Decrement("n", 1))),
                    List.of()));

    assertThat(done.succeeded()).isTrue();
    assertThat(h.get("s", "k").value()).isEqualTo(json("{\"n\":4,\"m\":2}"));
    assertThat(h.get("s", "k").version()).isEqualTo(3);
  }
}
