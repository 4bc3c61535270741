package io.statekv.chaos.checker;

import static io.statekv.chaos.history.TestHistories.history;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statekv.chaos.history.MalformedHistoryException;
import org.junit.jupiter.api.Test;

class CounterCheckerTest {

  @Test
  void aFinalReadBetweenTheOkSumAndTheOkPlusIndeterminateSumIsValid() {
    String[] adds = {
        "0 invoke add 1", "0 ok add 1",
        "1 invoke add 1", "1 ok add 1",
        "2 invoke add 5", "2 info add 5",
        "3 invoke add 7", "3 fail add 7",
        "4 invoke read"};

    assertThat(CounterChecker.check(history(with(adds, "4 ok read 2"))).verdict())
        .isEqualTo(Verdict.VALID);
    assertThat(CounterChecker.check(history(with(adds, "4 ok read 7"))).verdict())
        .isEqualTo(Verdict.VALID);
    CheckResult tooHigh = CounterChecker.check(history(with(adds, "4 ok read 8")));
    CheckResult tooLow = CounterChecker.check(history(with(adds, "4 ok read 1")));
    assertThat(tooHigh.anomalies()).singleElement().satisfies(a -> {
      assertThat(a.kind()).isEqualTo("out-of-bounds");
      assertThat(a.message()).isEqualTo("read 8 but the history allows only [2, 7]");
    });
    assertThat(tooLow.anomalies()).extracting(Anomaly::kind).containsExactly("out-of-bounds");
  }

  @Test
  void anIncrementAppliedTwiceShowsAsAReadAboveTheBound() {
    CheckResult result = CounterChecker.check(history(
        "0 invoke add 1", "0 ok add 1",
        "0 invoke add 1", "0 ok add 1",
        "1 invoke read", "1 ok read 3"));

    assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(result.stats()).containsEntry("out-of-bounds-reads", 1L)
        .containsEntry("last-read", 3L);
  }

  @Test
  void anAddConcurrentWithAReadMayOrMayNotBeCounted() {
    String[] concurrent = {"0 invoke add 3", "1 invoke read"};

    assertThat(CounterChecker.check(history(with(concurrent, "1 ok read 0", "0 ok add 3")))
        .verdict()).isEqualTo(Verdict.VALID);
    assertThat(CounterChecker.check(history(with(concurrent, "1 ok read 3", "0 ok add 3")))
        .verdict()).isEqualTo(Verdict.VALID);
  }

  @Test
  void anAddInvokedAfterAReadCompletedCannotBeCounted() {
    CheckResult result = CounterChecker.check(history(
        "1 invoke read", "1 ok read 3",
        "0 invoke add 3", "0 ok add 3"));

    assertThat(result.anomalies()).extracting(Anomaly::kind).containsExactly("out-of-bounds");
  }

  @Test
  void boundsHandleNegativeDeltas() {
    String[] ops = {
        "0 invoke add 10", "0 ok add 10",
        "1 invoke add -4", "1 info add -4",
        "2 invoke read"};

    assertThat(CounterChecker.check(history(with(ops, "2 ok read 6"))).verdict())
        .isEqualTo(Verdict.VALID);
    assertThat(CounterChecker.check(history(with(ops, "2 ok read 10"))).verdict())
        .isEqualTo(Verdict.VALID);
    assertThat(CounterChecker.check(history(with(ops, "2 ok read 5"))).anomalies())
        .singleElement().satisfies(a -> assertThat(a.message()).contains("[6, 10]"));
  }

  @Test
  void everyReadIsCheckedNotOnlyTheLast() {
    CheckResult result = CounterChecker.check(history(
        "0 invoke add 1", "0 ok add 1",
        "1 invoke read", "1 ok read 0",
        "1 invoke read", "1 ok read 1"));

    assertThat(result.anomalies()).singleElement()
        .satisfies(a -> assertThat(a.ops().get(0).line()).isEqualTo(3));
  }

  @Test
  void withoutAnOkReadTheVerdictIsUnknown() {
    assertThat(CounterChecker.check(history("0 invoke add 1", "0 ok add 1")).verdict())
        .isEqualTo(Verdict.UNKNOWN);
  }

  @Test
  void rejectsNonIntegerDeltasAndReads() {
    assertThatThrownBy(() -> CounterChecker.check(history("0 invoke add 1.5")))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessageContaining("an add must carry an integer delta");
    assertThatThrownBy(() -> CounterChecker.check(history("0 invoke read", "0 ok read \"x\"")))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessageContaining("line 2: an ok read must return an integer");
  }

  private static String[] with(String[] prefix, String... more) {
    String[] all = new String[prefix.length + more.length];
    System.arraycopy(prefix, 0, all, 0, prefix.length);
    System.arraycopy(more, 0, all, prefix.length, more.length);
    return all;
  }
}
