package io.statekv.chaos.checker;

import static io.statekv.chaos.history.TestHistories.history;
import static io.statekv.chaos.history.TestHistories.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statekv.chaos.history.History;
import io.statekv.chaos.history.MalformedHistoryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WatchWriteCheckerTest {
  private static final String S = "w";
  /**
   * A set and an update of a acknowledged, a set of b that timed out (and applied), a set of b
   * that failed, a delete of a, a delete of the absent c, then the final read at revision 9.
   */
  private static final String[] RUN = {
      "0 invoke set {\"key\":\"a\",\"w\":0}",
      "0 ok set {\"key\":\"a\",\"w\":0,\"revision\":5,\"type\":\"state:created\",\"value\":{\"w\":0}}",
      "1 invoke update {\"key\":\"a\",\"w\":1}",
      "1 ok update {\"key\":\"a\",\"w\":1,\"revision\":6,\"type\":\"state:updated\","
          + "\"value\":{\"w\":1,\"updates\":1}}",
      "2 invoke set {\"key\":\"b\",\"w\":2}",
      "2 info set {\"key\":\"b\",\"w\":2} error=timeout",
      "6 invoke set {\"key\":\"b\",\"w\":3}",
      "6 fail set {\"key\":\"b\",\"w\":3} error=unavailable",
      "7 invoke delete {\"key\":\"a\"}",
      "7 ok delete {\"key\":\"a\",\"revision\":8}",
      "8 invoke delete {\"key\":\"c\"}",
      "8 ok delete {\"key\":\"c\",\"revision\":0}",
      "9 invoke read null",
      "9 ok read {\"revision\":9,\"entries\":{\"b\":{\"w\":2}}}"};

  private static final ChangeEvent A5 = event(5, "a", ChangeEvent.CREATED, "{\"w\":0}");
  private static final ChangeEvent A6 =
      event(6, "a", ChangeEvent.UPDATED, "{\"w\":1,\"updates\":1}");
  private static final ChangeEvent B7 = event(7, "b", ChangeEvent.CREATED, "{\"w\":2}");
  private static final ChangeEvent A8 = event(8, "a", ChangeEvent.DELETED, "null");

  private static ChangeEvent event(long revision, String key, String type, String value) {
    return new ChangeEvent(revision, S, key, type, json(value), "write");
  }

  private static CommittedLog log(ChangeEvent... events) {
    return new CommittedLog(4, 9, List.of(events));
  }

  private static WatchObservation watcher(String id, long start, WatchSelector selector,
      long progress, ChangeEvent... received) {
    return WatchObservation.ran(new WatcherLog(id, start, selector, List.of(received), progress));
  }

  private static List<WatchObservation> goodWatchers() {
    return List.of(watcher("all", 4, WatchSelector.scope(S), 9, A5, A6, B7, A8),
        watcher("a", 6, new WatchSelector(S, "a", null, Set.of()), 9, A6, A8));
  }

  private static CheckResult check(History history, CommittedLog reference,
      List<WatchObservation> watchers) {
    return WatchWriteChecker.check(history, S, reference, 3, watchers);
  }

  private static List<String> kinds(CheckResult result) {
    return result.anomalies().stream().map(Anomaly::kind).distinct().toList();
  }

  @Test
  void aRunWhoseEventsAreExactlyItsWritesIsValid() {
    CheckResult result = check(history(RUN), log(A5, A6, B7, A8), goodWatchers());
    assertThat(result.verdict()).as(result.report()).isEqualTo(Verdict.VALID);
    assertThat(result.stats()).containsEntry("ok-writes", 4L).containsEntry("reference-events", 4L);
  }

  @Test
  void anIndeterminateWriteMayBeMissing() {
    CheckResult result = check(history(with("9 ok read {\"revision\":9,\"entries\":{}}")),
        log(A5, A6, A8), List.of(watcher("all", 4, WatchSelector.scope(S), 9, A5, A6, A8)));
    assertThat(result.verdict()).as(result.report()).isEqualTo(Verdict.VALID);
  }

  @Test
  void anAcknowledgedWriteMissingFromTheReferenceOrAWatcherIsLost() {
    assertThat(kinds(check(history(RUN), log(A5, B7, A8), List.of()))).contains("lost-write");
    CheckResult watcherGap = check(history(RUN), log(A5, A6, B7, A8),
        List.of(watcher("all", 4, WatchSelector.scope(S), 9, A5, B7, A8)));
    assertThat(kinds(watcherGap)).containsExactly("lost-write");
    assertThat(watcherGap.anomalies().get(0).message()).contains("all lacks r6");
  }

  @Test
  void anEventNoWriteExplainsIsAPhantom() {
    ChangeEvent failed = event(7, "b", ChangeEvent.CREATED, "{\"w\":3}");
    ChangeEvent unknown = event(7, "b", ChangeEvent.CREATED, "{\"w\":42}");
    ChangeEvent wrongKey = event(7, "c", ChangeEvent.CREATED, "{\"w\":2}");
    ChangeEvent deleteOfB = event(9, "b", ChangeEvent.DELETED, "null");
    ChangeEvent expiry = new ChangeEvent(9, S, "b", ChangeEvent.DELETED, null, "expired");
    ChangeEvent otherValue = event(6, "a", ChangeEvent.UPDATED, "{\"w\":1}");
    for (ChangeEvent phantom : List.of(failed, unknown, wrongKey, deleteOfB, expiry, otherValue)) {
      List<ChangeEvent> events = new ArrayList<>(List.of(A5, A6, B7, A8, phantom));
      events.sort((x, y) -> Long.compare(x.revision(), y.revision()));
      CheckResult result = check(history(RUN), new CommittedLog(4, 9, events), List.of());
      assertThat(kinds(result)).as(phantom.toString()).contains("phantom");
    }
  }

  @Test
  void anIndeterminateDeleteExplainsOneDeletionOnly() {
    String[] run = with("10 invoke delete {\"key\":\"b\"}", "10 info delete {\"key\":\"b\"}",
        "9 ok read {\"revision\":9,\"entries\":{}}");
    ChangeEvent b9 = event(9, "b", ChangeEvent.DELETED, "null");
    assertThat(check(history(run), log(A5, A6, B7, A8, b9), List.of()).verdict())
        .isEqualTo(Verdict.VALID);
    CheckResult twice = check(history(run), log(A5, A6, B7, A8, b9, b9), List.of());
    assertThat(kinds(twice)).contains("phantom");
  }

  @Test
  void aWriteAppliedTwiceIsReported() {
    CheckResult result = check(history(RUN), log(A5, A6, B7, A8),
        List.of(watcher("all", 4, WatchSelector.scope(S), 9, A5, A6, B7, B7, A8)));
    assertThat(kinds(result)).containsExactly("duplicate-write");
    assertThat(kinds(check(history(RUN), log(A5, A6, B7, A8, A8), List.of())))
        .contains("duplicate-write");
  }

  @Test
  void theReferenceMustReplayAndEndInTheFinalReadsState() {
    ChangeEvent updatedAbsentB = event(7, "b", ChangeEvent.UPDATED, "{\"w\":2}");
    assertThat(kinds(check(history(RUN), log(A5, A6, updatedAbsentB, A8), List.of())))
        .containsExactly("impossible-event");
    String[] emptyRead = with("9 ok read {\"revision\":9,\"entries\":{}}");
    assertThat(kinds(check(history(emptyRead), log(A5, A6, B7, A8), List.of())))
        .containsExactly("final-state");
  }

  @Test
  void withoutAKnownStartOnlyKeysWithEventsAreReplayed() {
    // The reference starts after the scope was read empty, so b's first event is its only news.
    CommittedLog late = new CommittedLog(6, 9, List.of(A6, B7, A8));
    CheckResult result = WatchWriteChecker.check(history(RUN), S, late, 0, List.of());
    assertThat(result.verdict()).as(result.report()).isEqualTo(Verdict.VALID);
  }

  @Test
  void aWriteAcknowledgedBelowAnEarlierOneIsOutOfOrder() {
    String[] run = {
        "0 invoke set {\"key\":\"a\",\"w\":0}",
        "0 ok set {\"key\":\"a\",\"w\":0,\"revision\":6,\"type\":\"state:created\","
            + "\"value\":{\"w\":0}}",
        "1 invoke set {\"key\":\"b\",\"w\":1}",
        "1 ok set {\"key\":\"b\",\"w\":1,\"revision\":5,\"type\":\"state:created\","
            + "\"value\":{\"w\":1}}",
        "9 invoke read null",
        "9 ok read {\"revision\":9,\"entries\":{\"a\":{\"w\":0},\"b\":{\"w\":1}}}"};
    CommittedLog log = log(event(5, "b", ChangeEvent.CREATED, "{\"w\":1}"),
        event(6, "a", ChangeEvent.CREATED, "{\"w\":0}"));
    assertThat(kinds(check(history(run), log, List.of()))).containsExactly("revision-order");
  }

  @Test
  void aWatcherThatNeverReachedTheFinalRevisionStalledUnlessItWasCompacted() {
    WatchObservation behind = watcher("all", 4, WatchSelector.scope(S), 7, A5, A6, B7);
    assertThat(kinds(check(history(RUN), log(A5, A6, B7, A8), List.of(behind))))
        .containsExactly("stalled");
    WatchObservation compacted = new WatchObservation(behind.log(), "compacted", true);
    CheckResult result = check(history(RUN), log(A5, A6, B7, A8), List.of(compacted));
    assertThat(result.verdict()).isEqualTo(Verdict.VALID);
    assertThat(result.stats()).containsEntry("watchers-compacted", 1L);
    WatchObservation failed = new WatchObservation(behind.log(), "internal", false);
    assertThat(kinds(check(history(RUN), log(A5, A6, B7, A8), List.of(failed))))
        .containsExactly("watch-failed");
    assertThat(kinds(check(history(RUN), new CommittedLog(4, 7, List.of(A5, A6, B7)),
        List.of()))).containsExactly("stalled");
  }

  @Test
  void withoutAFinalReadTheVerdictIsUnknown() {
    String[] run = java.util.Arrays.copyOf(RUN, RUN.length - 1);
    assertThat(check(history(run), log(A5, A6, B7, A8), List.of()).verdict())
        .isEqualTo(Verdict.UNKNOWN);
  }

  @Test
  void refusesAHistoryOfAnotherWorkloadOrWithANumberWrittenTwice() {
    assertThatThrownBy(() -> check(history("0 invoke add 1", "0 ok add 1"), log(), List.of()))
        .isInstanceOf(MalformedHistoryException.class).hasMessageContaining("add");
    assertThatThrownBy(() -> check(history("0 invoke set {\"key\":\"a\",\"w\":0}",
        "0 info set {\"key\":\"a\",\"w\":0}", "1 invoke update {\"key\":\"b\",\"w\":0}",
        "1 info update {\"key\":\"b\",\"w\":0}"), log(), List.of()))
        .isInstanceOf(MalformedHistoryException.class).hasMessageContaining("unique");
  }

  /** The run with its last line (the final read's completion) replaced, plus extra lines first. */
  private static String[] with(String... lines) {
    List<String> run = new ArrayList<>(List.of(RUN).subList(0, RUN.length - 2));
    run.addAll(List.of(lines).subList(0, lines.length - 1));
    run.add(RUN[RUN.length - 2]);
    run.add(lines[lines.length - 1]);
    return run.toArray(String[]::new);
  }
}
