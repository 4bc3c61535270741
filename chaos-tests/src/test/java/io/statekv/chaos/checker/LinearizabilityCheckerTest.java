package io.statekv.chaos.checker;

import static io.statekv.chaos.history.TestHistories.history;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statekv.chaos.checker.LinearizabilityResult.Explanation;
import io.statekv.chaos.history.History;
import io.statekv.chaos.history.MalformedHistoryException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LinearizabilityCheckerTest {
  private static final Budget BUDGET = Budget.of(Duration.ofSeconds(30));

  private static LinearizabilityResult check(History history) {
    return LinearizabilityChecker.check(new CasRegister(), history, BUDGET);
  }

  @Test
  void sequentialReadsWritesAndCasAreLinearizable() {
    LinearizabilityResult result = check(history(
        "0 invoke read", "0 ok read null",
        "0 invoke write 1", "0 ok write 1",
        "1 invoke cas [1,2]", "1 ok cas [1,2]",
        "1 invoke read", "1 ok read 2"));

    assertThat(result.verdict()).isEqualTo(Verdict.VALID);
    assertThat(result.verdictWord()).isEqualTo("linearizable");
    assertThat(result.partitions()).singleElement()
        .satisfies(p -> assertThat(p.explanation()).isNull());
  }

  @Test
  void aStaleReadAfterANewerWriteCompletedIsNotLinearizable() {
    LinearizabilityResult result = check(history(
        "0 invoke write 1", "0 ok write 1",
        "0 invoke write 2", "0 ok write 2",
        "1 invoke read", "1 ok read 1"));

    assertThat(result.verdictWord()).isEqualTo("not-linearizable");
    Explanation why = result.partitions().get(0).explanation();
    assertThat(why.longestPrefix()).extracting(step -> step.operation().f())
        .containsExactly("write", "write");
    assertThat(why.stateAfterPrefix()).isEqualTo("2");
    assertThat(why.unplaceable().f()).isEqualTo("read");
    assertThat(why.unplaceable().completionValue().asInt()).isEqualTo(1);
    assertThat(result.report()).contains("in state 2, this operation must take effect")
        .contains("p1 read null -> ok 1 (lines 5-6)");
  }

  @Test
  void aLostWriteIsNotLinearizable() {
    LinearizabilityResult result = check(history(
        "0 invoke write 1", "0 ok write 1",
        "1 invoke read", "1 ok read null"));

    assertThat(result.verdictWord()).isEqualTo("not-linearizable");
  }

  @Test
  void concurrentOperationsMayTakeEffectInEitherOrder() {
    LinearizabilityResult oldValue = check(history(
        "0 invoke write 1", "0 ok write 1",
        "0 invoke write 2",
        "1 invoke read", "1 ok read 1",
        "2 invoke read", "2 ok read 2",
        "0 ok write 2"));
    LinearizabilityResult newThenOld = check(history(
        "0 invoke write 1", "0 ok write 1",
        "0 invoke write 2",
        "1 invoke read", "1 ok read 2",
        "2 invoke read", "2 ok read 1",
        "0 ok write 2"));

    assertThat(oldValue.verdictWord()).isEqualTo("linearizable");
    assertThat(newThenOld.verdictWord()).as("the value cannot go back once a read saw 2")
        .isEqualTo("not-linearizable");
  }

  @Test
  void anInfoWriteMayTakeEffectLongAfterItsInvocationOrNever() {
    String[] prefix = {"0 invoke write 1", "0 info write 1 error=timed-out",
        "1 invoke read", "1 ok read null", "1 invoke read"};

    assertThat(check(history(append(prefix, "1 ok read 1"))).verdictWord())
        .as("took effect late").isEqualTo("linearizable");
    assertThat(check(history(append(prefix, "1 ok read null"))).verdictWord())
        .as("never took effect").isEqualTo("linearizable");
    assertThat(check(history(append(prefix, "1 ok read 1", "1 invoke read", "1 ok read null")))
        .verdictWord()).as("but it takes effect at most once").isEqualTo("not-linearizable");
  }

  @Test
  void anOpenOperationIsTreatedLikeInfo() {
    LinearizabilityResult result = check(history(
        "0 invoke cas [null,5]",
        "1 invoke read", "1 ok read null",
        "1 invoke read", "1 ok read 5"));

    assertThat(result.verdictWord()).isEqualTo("linearizable");
  }

  @Test
  void aFailedWriteNeverTookEffect() {
    String[] failed = {"0 invoke write 1", "0 fail write 1"};

    assertThat(check(history(append(failed, "1 invoke read", "1 ok read 1"))).verdictWord())
        .isEqualTo("not-linearizable");
    assertThat(check(history(append(failed, "1 invoke read", "1 ok read null"))).verdictWord())
        .isEqualTo("linearizable");
  }

  @Test
  void aFailedCasObservesAMismatchOnlyWhenTheModelIsToldSo() {
    History history = history(
        "0 invoke write 0", "0 ok write 0",
        "1 invoke cas [0,5]", "1 fail cas [0,5]");

    assertThat(check(history).verdictWord()).isEqualTo("linearizable");
    LinearizabilityResult strict = LinearizabilityChecker.check(
        new CasRegister(CasRegister.FailedCas.OBSERVED_MISMATCH), history, BUDGET);
    assertThat(strict.verdictWord()).isEqualTo("not-linearizable");
  }

  @Test
  void aCasThatSucceededAgainstTheWrongValueIsNotLinearizable() {
    LinearizabilityResult result = check(history(
        "0 invoke write 3", "0 ok write 3",
        "1 invoke cas [4,5]", "1 ok cas [4,5]"));

    assertThat(result.verdictWord()).isEqualTo("not-linearizable");
  }

  @Test
  void comparesNumbersByValueWhateverTheirJsonType() {
    LinearizabilityResult result = check(history(
        "0 invoke write 3", "0 ok write 3",
        "1 invoke read", "1 ok read 3",
        "1 invoke read", "1 ok read 3.0"));

    assertThat(result.verdictWord()).as("3 and 3.0 differ, as in statekv")
        .isEqualTo("not-linearizable");
  }

  @Test
  void anExhaustedTimeBudgetGivesUnknown() throws IOException {
    History hard = RecordedEtcdHistoriesTest.read("etcd_057.jsonl");
    AtomicLong clock = new AtomicLong();
    Budget budget = Budget.of(Duration.ofMillis(5)).withClock(() -> clock.addAndGet(1_000_000));

    LinearizabilityResult result = LinearizabilityChecker.check(new CasRegister(), hard, budget);

    assertThat(result.verdictWord()).isEqualTo("unknown");
    assertThat(result.partitions().get(0).explanation()).isNull();
  }

  @Test
  void anExhaustedStateBudgetGivesUnknown() throws IOException {
    History hard = RecordedEtcdHistoriesTest.read("etcd_057.jsonl");
    Budget budget = Budget.of(Duration.ofHours(1)).withStatesMax(1_000);

    LinearizabilityResult result = LinearizabilityChecker.check(new CasRegister(), hard, budget);

    assertThat(result.verdictWord()).isEqualTo("unknown");
    assertThat(result.partitions().get(0).statesExplored()).isEqualTo(1_000);
  }

  @Test
  void cancellationGivesUnknown() throws IOException {
    History hard = RecordedEtcdHistoriesTest.read("etcd_057.jsonl");
    AtomicInteger polls = new AtomicInteger();
    Budget budget = Budget.of(Duration.ofHours(1)).withCancellation(
        () -> polls.incrementAndGet() > 3);

    LinearizabilityResult result = LinearizabilityChecker.check(new CasRegister(), hard, budget);

    assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(polls.get()).isGreaterThan(3);
  }

  @Test
  void rejectsOperationsTheModelDoesNotKnow() {
    assertThatThrownBy(() -> check(history("0 invoke increment 1", "0 ok increment 1")))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessageContaining("line 1: the cas-register model has no function 'increment'");
    assertThatThrownBy(() -> check(history("0 invoke cas 5", "0 ok cas 5")))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessageContaining("cas value must be [expected, new]");
  }

  private static String[] append(String[] prefix, String... more) {
    String[] all = new String[prefix.length + more.length];
    System.arraycopy(prefix, 0, all, 0, prefix.length);
    System.arraycopy(more, 0, all, prefix.length, more.length);
    return all;
  }
}
