package io.statekv.storage.internal;

import static io.statekv.storage.internal.StoreHarness.json;
import static io.statekv.storage.internal.StoreHarness.set;
import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.storage.ApplyOutput;
import io.statekv.storage.Command;
import io.statekv.storage.Compare;
import io.statekv.storage.Failure;
import io.statekv.storage.Json;
import io.statekv.storage.Limits;
import io.statekv.storage.Request;
import io.statekv.storage.Result;
import io.statekv.storage.TxnOp;
import io.statekv.storage.UpdateOp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever a log entry holds, apply answers with a typed failure and leaves the state exactly as
 * an empty log entry would.
 */
class InputValidationTest {
  private static final long ANY = Command.ANY_REVISION;
  private static final long NO_TTL = Command.NO_TTL;

  static Stream<Arguments> badCommands() {
    return Stream.of(
        bad("empty scope", new Command.Set("", "k", json("1"), NO_TTL, ANY), Failure.INVALID_ARGUMENT),
        bad("null scope", new Command.Set(null, "k", json("1"), NO_TTL, ANY), Failure.INVALID_ARGUMENT),
        bad("scope of 257 bytes", new Command.Set("s".repeat(257), "k", json("1"), NO_TTL, ANY), Failure.INVALID_ARGUMENT),
        bad("scope of 129 two-byte chars", new Command.Set("é".repeat(129), "k", json("1"), NO_TTL, ANY), Failure.INVALID_ARGUMENT),
        bad("control char in scope", new Command.Set("a\u0001b", "k", json("1"), NO_TTL, ANY), Failure.INVALID_ARGUMENT),
        bad("NUL in key", new Command.Set("s", "a\u0000b", json("1"), NO_TTL, ANY), Failure.INVALID_ARGUMENT),
        bad("DEL in key", new Command.Set("s", "a\u007fb", json("1"), NO_TTL, ANY), Failure.INVALID_ARGUMENT),
        bad("lone surrogate in key", new Command.Set("s", "a\uD800", json("1"), NO_TTL, ANY), Failure.INVALID_ARGUMENT),
        bad("empty key", new Command.Delete("s", "", ANY), Failure.INVALID_ARGUMENT),
        bad("key of 1025 bytes", new Command.Delete("s", "k".repeat(1025), ANY), Failure.INVALID_ARGUMENT),
        bad("missing value", new Command.Set("s", "k", null, NO_TTL, ANY), Failure.INVALID_ARGUMENT),
        bad("value over value_bytes_max", new Command.Set("s", "k", QuotaTest.stringOfSize((1 << 20) + 1), NO_TTL, ANY), Failure.VALUE_TOO_LARGE),
        bad("malformed value", new Command.Set("s", "k", raw("{\"a\":"), NO_TTL, ANY), Failure.INVALID_ARGUMENT),
        bad("non-compact value", new Command.Set("s", "k", raw("{ \"a\": 1 }"), NO_TTL, ANY), Failure.INVALID_ARGUMENT),
        bad("invalid UTF-8 in value", new Command.Set("s", "k", Json.ofCompact(new byte[] {'"', (byte) 0xC0, (byte) 0xAF, '"'}), NO_TTL, ANY), Failure.INVALID_ARGUMENT),
        bad("value nesting 65 levels", new Command.Set("s", "k", nested(65), NO_TTL, ANY), Failure.INVALID_ARGUMENT),
        bad("negative ttl", new Command.Set("s", "k", json("1"), -1, ANY), Failure.INVALID_ARGUMENT),
        bad("ttl over ten years", new Command.Set("s", "k", json("1"), Limits.TTL_SECONDS_MAX + 1, ANY), Failure.INVALID_ARGUMENT),
        bad("if_revision -2", new Command.Set("s", "k", json("1"), NO_TTL, -2), Failure.INVALID_ARGUMENT),
        bad("delete with if_revision -5", new Command.Delete("s", "k", -5), Failure.INVALID_ARGUMENT),
        bad("append of a too deep item", new Command.Append("s", "k", nested(65), NO_TTL, ANY), Failure.INVALID_ARGUMENT),
        bad("patch that is not JSON", new Command.Patch("s", "k", raw("nul"), NO_TTL, ANY), Failure.INVALID_ARGUMENT),
        bad("update with too many ops", new Command.Update("s", "k", Collections.nCopies(Limits.UPDATE_OPS_MAX + 1, new UpdateOp.Remove("a")), NO_TTL, ANY), Failure.INVALID_ARGUMENT),
        bad("update op without value", new Command.Update("s", "k", List.of(new UpdateOp.Set("a", null)), NO_TTL, ANY), Failure.INVALID_ARGUMENT),
        bad("update op without path", new Command.Update("s", "k", List.of(new UpdateOp.Increment(null, 1)), NO_TTL, ANY), Failure.INVALID_ARGUMENT),
        bad("txn with 129 ops", txnOf(129), Failure.INVALID_ARGUMENT),
        bad("txn compare of a value by order", new Command.Txn(List.of(new Compare("s", "k", Compare.Target.VALUE, Compare.Op.GREATER, json("1"), 0)), List.of(), List.of()), Failure.INVALID_ARGUMENT),
        bad("txn compare exists 2", new Command.Txn(List.of(new Compare("s", "k", Compare.Target.EXISTS, Compare.Op.EQUAL, null, 2)), List.of(), List.of()), Failure.INVALID_ARGUMENT),
        bad("txn compare without target", new Command.Txn(List.of(new Compare("s", "k", null, Compare.Op.EQUAL, null, 0)), List.of(), List.of()), Failure.INVALID_ARGUMENT),
        bad("txn compare on a bad key", new Command.Txn(List.of(new Compare("s", "\n", Compare.Target.VERSION, Compare.Op.EQUAL, null, 0)), List.of(), List.of()), Failure.INVALID_ARGUMENT),
        bad("txn get of a bad scope", new Command.Txn(List.of(), List.of(new TxnOp.Get("", "k")), List.of()), Failure.INVALID_ARGUMENT),
        bad("txn op value too large", new Command.Txn(List.of(), List.of(new Command.Set("s", "k", QuotaTest.stringOfSize((1 << 20) + 1), NO_TTL, ANY)), List.of()), Failure.VALUE_TOO_LARGE),
        bad("expire of 0", new Command.Expire(0), Failure.INVALID_ARGUMENT),
        bad("expire past its batch bound", new Command.Expire(Limits.EXPIRE_BATCH_MAX + 1), Failure.INVALID_ARGUMENT),
        bad("settings missing", new Command.ChangeSettings(null), Failure.INVALID_ARGUMENT));
  }

  private static Arguments bad(String name, Command c, Failure expected) {
    return Arguments.of(name, c, expected);
  }

  private static Json raw(String text) {
    return Json.ofCompact(text.getBytes(StandardCharsets.UTF_8));
  }

  static Json nested(int depth) {
    return raw("[".repeat(depth) + "]".repeat(depth));
  }

  private static Command.Txn txnOf(int ops) {
    List<TxnOp> then = new ArrayList<>();
    for (int i = 0; i < ops; i++) {
      then.add(set("s", "k" + i, "1"));
    }
    return new Command.Txn(List.of(), then, List.of());
  }

  private static void history(StoreHarness h) {
    h.apply(set("s", "k", "[1]"));
    h.apply(set("t", "x", "{\"a\":1}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badCommands")
  void aBadCommandFailsTypedAndLeavesTheStateAsAnEmptyEntryWould(String name, Command c, Failure expected) {
    try (StoreHarness h = new StoreHarness();
        StoreHarness twin = new StoreHarness()) {
      history(h);
      history(twin);

      ApplyOutput out = h.entry(c);
      twin.entry();

      assertThat(out.results()).hasSize(1);
      assertThat(out.results().get(0)).isInstanceOfSatisfying(
          Result.Failed.class, f -> assertThat(f.failure()).as(f.message()).isEqualTo(expected));
      assertThat(out.events()).isEmpty();
      assertThat(h.hash()).isEqualTo(twin.hash());
    }
  }

  @Test
  void aRequestWithoutACommandIsRefused() {
    try (StoreHarness h = new StoreHarness()) {
      ApplyOutput out = h.entry(List.of(new Request(null, null)));

      assertThat(((Result.Failed) out.results().get(0)).failure()).isEqualTo(Failure.INVALID_ARGUMENT);
    }
  }

  @Test
  void theLimitsThemselvesAreAccepted() {
    try (StoreHarness h = new StoreHarness()) {
      assertThat(h.apply(new Command.Set("s".repeat(256), "k".repeat(1024), nested(64), NO_TTL, ANY)))
          .isInstanceOf(Result.Written.class);
      assertThat(h.apply(new Command.Set("é".repeat(128), "😀".repeat(256), json("1"), Limits.TTL_SECONDS_MAX, ANY)))
          .isInstanceOf(Result.Written.class);
      assertThat(h.apply(txnOf(128))).isInstanceOf(Result.TxnDone.class);
      assertThat(h.apply(new Command.Expire(Limits.EXPIRE_BATCH_MAX))).isInstanceOf(Result.Expired.class);
      assertThat(h.apply(new Command.Append("s", "list", nested(63), NO_TTL, ANY))).isInstanceOf(Result.Written.class);
      assertThat(h.get("s".repeat(256), "k".repeat(1024)).value()).isEqualTo(nested(64));
    }
  }

  @Test
  void readsOfInvalidNamesFindNothing() {
    try (StoreHarness h = new StoreHarness()) {
      h.apply(set("s", "k", "1"));

      assertThat(h.store.get("s", "k\u0001\u0000\u0000\u0000\u0001", h.stamp)).isNull();
      assertThat(h.store.get("s\u0000k", "k", h.stamp)).isNull();
      assertThat(h.store.get(null, "k", h.stamp)).isNull();
    }
  }
}
