package io.statekv.storage.internal;

import static io.statekv.storage.internal.StoreHarness.append;
import static io.statekv.storage.internal.StoreHarness.delete;
import static io.statekv.storage.internal.StoreHarness.json;
import static io.statekv.storage.internal.StoreHarness.set;
import static io.statekv.storage.internal.StoreHarness.setIf;
import static io.statekv.storage.internal.StoreHarness.setTtl;
import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.storage.ApplyOutput;
import io.statekv.storage.ClusterSettings;
import io.statekv.storage.Command;
import io.statekv.storage.Compare;
import io.statekv.storage.Event;
import io.statekv.storage.EventType;
import io.statekv.storage.Failure;
import io.statekv.storage.Json;
import io.statekv.storage.Result;
import io.statekv.storage.TxnOp;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TxnTest {
  private final StoreHarness h = new StoreHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private static Compare cmp(String key, Compare.Target target, Compare.Op op, long number) {
    return new Compare("s", key, target, op, null, number);
  }

  private static Compare valueIs(String key, String value) {
    return new Compare("s", key, Compare.Target.VALUE, Compare.Op.EQUAL, json(value), 0);
  }

  private static Command.Txn txn(List<Compare> compares, List<TxnOp> then, List<TxnOp> otherwise) {
    return new Command.Txn(compares, then, otherwise);
  }

  @Test
  void thenRunsWhenEveryCompareHoldsAndAllChangesShareTheRevision() {
    h.apply(set("s", "a", "{\"x\":1,\"y\":2}"));
    ApplyOutput out =
        h.entry(
            txn(
                List.of(valueIs("a", "{\"y\":2,\"x\":1}"), cmp("a", Compare.Target.VERSION, Compare.Op.EQUAL, 1)),
                List.of(set("s", "b", "1"), append("s", "c", "2"), delete("s", "a")),
                List.of(set("s", "else", "1"))));

    Result.TxnDone done = (Result.TxnDone) out.results().get(0);
    assertThat(done.succeeded()).isTrue();
    assertThat(done.results()).hasSize(3);
    assertThat(done.results().get(2)).isEqualTo(new Result.Deleted(json("{\"x\":1,\"y\":2}"), 2));
    assertThat(out.events()).extracting(Event::revision).containsOnly(2L);
    assertThat(out.events()).extracting(Event::key).containsExactly("b", "c", "a");
    assertThat(h.get("s", "else")).isNull();
    assertThat(h.get("s", "b").revision()).isEqualTo(2);
  }

  @Test
  void elseRunsWhenAnyCompareFails() {
    h.apply(set("s", "a", "1"));
    Result.TxnDone done =
        (Result.TxnDone)
            h.apply(
                txn(
                    List.of(
                        cmp("a", Compare.Target.EXISTS, Compare.Op.EQUAL, 1),
                        cmp("a", Compare.Target.REVISION, Compare.Op.GREATER, 5)),
                    List.of(set("s", "then", "1")),
                    List.of(set("s", "else", "1"))));

    assertThat(done.succeeded()).isFalse();
    assertThat(h.get("s", "then")).isNull();
    assertThat(h.get("s", "else")).isNotNull();
  }

  @Test
  void comparesOfEveryTargetOnPresentAndMissingKeys() {
    h.apply(set("s", "a", "1"));
    h.apply(set("s", "a", "2"));
    assertThat(holds(cmp("a", Compare.Target.REVISION, Compare.Op.EQUAL, 2))).isTrue();
    assertThat(holds(cmp("a", Compare.Target.CREATE_REVISION, Compare.Op.LESS, 2))).isTrue();
    assertThat(holds(cmp("a", Compare.Target.VERSION, Compare.Op.NOT_EQUAL, 2))).isFalse();
    assertThat(holds(cmp("a", Compare.Target.CHANGED_SINCE, Compare.Op.EQUAL, 1))).isTrue();
    assertThat(holds(cmp("a", Compare.Target.CHANGED_SINCE, Compare.Op.EQUAL, 2))).isFalse();
    assertThat(holds(cmp("a", Compare.Target.EXISTS, Compare.Op.EQUAL, 0))).isFalse();
    assertThat(holds(valueIs("a", "2"))).isTrue();
    assertThat(holds(valueIs("a", "2.0"))).isFalse();
    assertThat(holds(cmp("nope", Compare.Target.REVISION, Compare.Op.EQUAL, 0))).isTrue();
    assertThat(holds(cmp("nope", Compare.Target.VERSION, Compare.Op.EQUAL, 0))).isTrue();
    assertThat(holds(cmp("nope", Compare.Target.EXISTS, Compare.Op.EQUAL, 0))).isTrue();
    assertThat(holds(cmp("nope", Compare.Target.CHANGED_SINCE, Compare.Op.EQUAL, 0))).isFalse();
    assertThat(holds(valueIs("nope", "null"))).isFalse();
    assertThat(holds(new Compare("s", "nope", Compare.Target.VALUE, Compare.Op.NOT_EQUAL, json("1"), 0))).isTrue();
  }

  @Test
  void comparesSeeAnExpiredEntryAsMissing() {
    h.apply(setTtl("s", "a", "1", 1));
    h.later(1_000);
    assertThat(holds(cmp("a", Compare.Target.EXISTS, Compare.Op.EQUAL, 0))).isTrue();
    assertThat(holds(cmp("a", Compare.Target.REVISION, Compare.Op.EQUAL, 0))).isTrue();
  }

  private boolean holds(Compare c) {
    return ((Result.TxnDone) h.apply(txn(List.of(c), List.of(), List.of()))).succeeded();
  }

  @Test
  void comparesAreEvaluatedOnThePreTxnStateAndGetSeesTheTxnSoFar() {
    h.apply(set("s", "a", "1"));
    Result.TxnDone done =
        (Result.TxnDone)
            h.apply(
                txn(
                    List.of(valueIs("a", "1")),
                    List.of(
                        new TxnOp.Get("s", "a"),
                        set("s", "a", "2"),
                        new TxnOp.Get("s", "a"),
                        delete("s", "a"),
                        new TxnOp.Get("s", "a")),
                    List.of()));

    assertThat(((Result.Read) done.results().get(0)).entry().value()).isEqualTo(json("1"));
    assertThat(((Result.Read) done.results().get(2)).entry().value()).isEqualTo(json("2"));
    assertThat(((Result.Read) done.results().get(2)).entry().version()).isEqualTo(2);
    assertThat(((Result.Read) done.results().get(4)).entry()).isNull();
  }

  @Test
  void aKeyWrittenTwiceInATxnGainsTwoVersionsAndTwoEvents() {
    ApplyOutput out = h.entry(txn(List.of(), List.of(set("s", "a", "1"), set("s", "a", "2")), List.of()));

    assertThat(out.events()).extracting(Event::type).containsExactly(EventType.CREATED, EventType.UPDATED);
    assertThat(h.get("s", "a").version()).isEqualTo(2);
    assertThat(h.get("s", "a").createRevision()).isEqualTo(1);
  }

  @Test
  void aFailingOpFailsTheWholeTxnWithItsIndexAndRollsEverythingBack() {
    h.apply(set("s", "a", "1"));
    h.apply(set("s", "scalar", "{}"));
    byte[] hashBefore = statesAfterEmptyEntry();
    ApplyOutput out =
        h.entry(
            txn(
                List.of(),
                List.of(set("s", "a", "2"), set("s", "new", "3"), delete("s", "a"), append("s", "scalar", "1")),
                List.of()));

    Result.Failed f = (Result.Failed) out.results().get(0);
    assertThat(f.failure()).isEqualTo(Failure.TYPE_MISMATCH);
    assertThat(f.opIndex()).isEqualTo(3);
    assertThat(f.message()).startsWith("then[3]: ");
    assertThat(out.events()).isEmpty();
    assertThat(h.hash()).isEqualTo(hashBefore);
  }

  @Test
  void anOpsOwnIfRevisionConflictFailsTheTxnWithTheCurrentRevision() {
    h.apply(set("s", "a", "1"));
    Result.Failed f =
        (Result.Failed) h.apply(txn(List.of(), List.of(set("s", "b", "1"), setIf("s", "a", "2", 9)), List.of()));

    assertThat(f.failure()).isEqualTo(Failure.CONFLICT);
    assertThat(f.currentRevision()).isEqualTo(1);
    assertThat(f.opIndex()).isEqualTo(1);
    assertThat(h.get("s", "b")).isNull();
  }

  @Test
  void aQuotaFailureInsideATxnRollsBackEarlierOps() {
    StoreHarness small =
        StoreHarness.withSettings(new ClusterSettings(1024, 2, 1 << 20, 100, 60_000));
    try (small) {
      small.apply(set("s", "a", "1"));
      Result.Failed f =
          (Result.Failed)
              small.apply(txn(List.of(), List.of(delete("s", "a"), set("s", "b", "1"), set("s", "c", "1"), set("s", "d", "1")), List.of()));
      assertThat(f.failure()).isEqualTo(Failure.QUOTA_EXCEEDED);
      assertThat(f.opIndex()).isEqualTo(3);
      assertThat(small.get("s", "a")).isNotNull();
      assertThat(small.get("s", "b")).isNull();
      assertThat(small.store.stats().entries()).isEqualTo(1);
    }
  }

  @Test
  void aTxnAfterAnotherRequestInTheSameEntrySeesItsWrites() {
    ApplyOutput out =
        h.entry(set("s", "a", "1"), txn(List.of(valueIs("a", "1")), List.of(set("s", "b", "1")), List.of()));

    assertThat(((Result.TxnDone) out.results().get(1)).succeeded()).isTrue();
  }

  @Test
  void tooManyOpsAreRefusedAsInvalid() {
    List<TxnOp> ops = new java.util.ArrayList<>();
    for (int i = 0; i < 129; i++) {
      ops.add(set("s", "k" + i, "1"));
    }
    Result.Failed f = (Result.Failed) h.apply(txn(List.of(), ops, List.of()));

    assertThat(f.failure()).isEqualTo(Failure.INVALID_ARGUMENT);
    assertThat(h.store.stats().entries()).isZero();
  }

  @Test
  void aBadOpInTheBranchThatDoesNotRunStillRejectsTheTxn() {
    Result.Failed f =
        (Result.Failed)
            h.apply(
                txn(
                    List.of(),
                    List.of(set("s", "a", "1")),
                    List.of(new Command.Set("s", "", Json.NULL, Command.NO_TTL, Command.ANY_REVISION))));

    assertThat(f.failure()).isEqualTo(Failure.INVALID_ARGUMENT);
    assertThat(f.opIndex()).isZero();
    assertThat(f.message()).startsWith("else[0]: ");
    assertThat(h.get("s", "a")).isNull();
  }

  /**
   * The hash the store would have after one more empty log entry: what a failed request must
   * leave, since only the applied revision moves.
   */
  private byte[] statesAfterEmptyEntry() {
    try (StoreHarness twin = new StoreHarness()) {
      twin.apply(set("s", "a", "1"));
      twin.apply(set("s", "scalar", "{}"));
      twin.entry();
      return twin.hash();
    }
  }
}
