package io.statekv.chaos.checker;

import static io.statekv.chaos.history.TestHistories.history;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statekv.chaos.history.MalformedHistoryException;
import org.junit.jupiter.api.Test;

class SetCheckerTest {

  @Test
  void everyAcknowledgedAddInTheFinalReadIsValid() {
    CheckResult result = SetChecker.check(history(
        "0 invoke add 1", "0 ok add 1",
        "1 invoke add 2", "1 ok add 2",
        "2 invoke read", "2 ok read [1,2]"));

    assertThat(result.verdict()).isEqualTo(Verdict.VALID);
    assertThat(result.stats()).containsEntry("ok-adds", 2L).containsEntry("lost", 0L);
  }

  @Test
  void reportsALostAcknowledgedAdd() {
    CheckResult result = SetChecker.check(history(
        "0 invoke add 1", "0 ok add 1",
        "1 invoke add 2", "1 ok add 2",
        "2 invoke read", "2 ok read [2]"));

    assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(result.anomalies()).singleElement().satisfies(a -> {
      assertThat(a.kind()).isEqualTo("lost");
      assertThat(a.message()).contains("element 1");
      assertThat(a.ops()).extracting(op -> op.line()).containsExactly(2, 6);
    });
  }

  @Test
  void reportsAnElementNeverAdded() {
    CheckResult result = SetChecker.check(history(
        "0 invoke add 1", "0 ok add 1",
        "2 invoke read", "2 ok read [1,9]"));

    assertThat(result.anomalies()).extracting(Anomaly::kind).containsExactly("unexpected");
  }

  @Test
  void indeterminateAddsMayBePresentOrNot() {
    CheckResult result = SetChecker.check(history(
        "0 invoke add 1", "0 info add 1",
        "1 invoke add 2", "1 info add 2",
        "2 invoke add 3",
        "3 invoke read", "3 ok read [2,3]"));

    assertThat(result.verdict()).isEqualTo(Verdict.VALID);
    assertThat(result.stats()).containsEntry("recovered", 2L)
        .containsEntry("indeterminate-adds", 3L);
  }

  @Test
  void aFailedAddMustNeverBeVisible() {
    CheckResult result = SetChecker.check(history(
        "0 invoke add 1", "0 fail add 1",
        "3 invoke read", "3 ok read [1]"));

    assertThat(result.anomalies()).extracting(Anomaly::kind)
        .containsExactly("failed-add-visible");
  }

  @Test
  void anAddAcknowledgedAfterTheFinalReadBeganMayBeMissing() {
    CheckResult result = SetChecker.check(history(
        "0 invoke add 1",
        "3 invoke read",
        "0 ok add 1",
        "3 ok read []"));

    assertThat(result.verdict()).isEqualTo(Verdict.VALID);
  }

  @Test
  void usesTheReadThatCompletedLast() {
    CheckResult result = SetChecker.check(history(
        "0 invoke add 1", "0 ok add 1",
        "1 invoke read",
        "2 invoke read", "2 ok read [1]",
        "1 ok read []"));

    assertThat(result.anomalies()).extracting(Anomaly::kind).containsExactly("lost");
  }

  @Test
  void reportsDuplicatesInTheFinalRead() {
    CheckResult result = SetChecker.check(history(
        "0 invoke add 1", "0 ok add 1",
        "3 invoke read", "3 ok read [1,1]"));

    assertThat(result.anomalies()).extracting(Anomaly::kind).containsExactly("duplicate");
  }

  @Test
  void withoutACompletedReadTheVerdictIsUnknown() {
    CheckResult result = SetChecker.check(history(
        "0 invoke add 1", "0 ok add 1",
        "3 invoke read", "3 info read"));

    assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(result.note()).isEqualTo("no read completed");
  }

  @Test
  void rejectsOtherFunctionsAndNonArrayReads() {
    assertThatThrownBy(() -> SetChecker.check(history("0 invoke remove 1")))
        .isInstanceOf(MalformedHistoryException.class).hasMessageContaining("line 1");
    assertThatThrownBy(() -> SetChecker.check(history("0 invoke read", "0 ok read 5")))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessageContaining("line 2: an ok read must return an array");
  }
}
