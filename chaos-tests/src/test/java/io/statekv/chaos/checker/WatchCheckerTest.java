package io.statekv.chaos.checker;

import static io.statekv.chaos.history.TestHistories.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WatchCheckerTest {
  private static final ChangeEvent A2 = created(2, "app", "a", "1");
  private static final ChangeEvent B3 = created(3, "app", "b", "2");
  private static final ChangeEvent A4 = updated(4, "app", "a", "3");
  private static final ChangeEvent X4 = created(4, "other", "x", "4");
  private static final ChangeEvent B5 = deleted(5, "app", "b");
  private static final CommittedLog LOG = new CommittedLog(1, 6, List.of(A2, B3, A4, X4, B5));

  private static ChangeEvent created(long revision, String scope, String key, String value) {
    return new ChangeEvent(revision, scope, key, ChangeEvent.CREATED, json(value), null);
  }

  private static ChangeEvent updated(long revision, String scope, String key, String value) {
    return new ChangeEvent(revision, scope, key, ChangeEvent.UPDATED, json(value), null);
  }

  private static ChangeEvent deleted(long revision, String scope, String key) {
    return new ChangeEvent(revision, scope, key, ChangeEvent.DELETED, null, null);
  }

  private static WatcherLog watcher(long start, WatchSelector selector, ChangeEvent... received) {
    return new WatcherLog("w1", start, selector, List.of(received), 0);
  }

  private static List<String> kinds(CheckResult result) {
    return result.anomalies().stream().map(Anomaly::kind).toList();
  }

  @Test
  void aWatcherThatSawExactlyTheMatchingCommittedEventsIsValid() {
    CheckResult result = WatchChecker.check(LOG, List.of(
        watcher(1, WatchSelector.everything(), A2, B3, A4, X4, B5),
        watcher(3, WatchSelector.scope("app"), B3, A4, B5),
        watcher(1, new WatchSelector("app", "a", null, Set.of()), A2, A4),
        watcher(1, new WatchSelector(null, null, "", Set.of(ChangeEvent.DELETED)), B5)));

    assertThat(result.verdict()).as(result.report()).isEqualTo(Verdict.VALID);
    assertThat(result.stats()).containsEntry("watchers", 4L).containsEntry("events-checked", 11L);
  }

  @Test
  void aMissingEventIsAGap() {
    CheckResult result = WatchChecker.check(LOG,
        List.of(watcher(1, WatchSelector.scope("app"), A2, A4, B5)));

    assertThat(kinds(result)).containsExactly("gap");
    assertThat(result.anomalies().get(0).message()).contains("never received r3");
  }

  @Test
  void progressNotificationsExtendTheRangeThatMustBeComplete() {
    WatcherLog quiet = new WatcherLog("quiet", 1, WatchSelector.scope("app"), List.of(A2), 3);

    assertThat(kinds(WatchChecker.check(LOG, List.of(quiet)))).containsExactly("gap");
  }

  @Test
  void eventsAfterTheLastSeenRevisionAreNotRequired() {
    CheckResult result = WatchChecker.check(LOG,
        List.of(watcher(1, WatchSelector.scope("app"), A2, B3)));

    assertThat(result.verdict()).isEqualTo(Verdict.VALID);
  }

  @Test
  void aRedeliveredEventIsADuplicate() {
    CheckResult result = WatchChecker.check(LOG,
        List.of(watcher(1, WatchSelector.scope("app"), A2, B3, B3, A4, B5)));

    assertThat(kinds(result)).containsExactly("duplicate");
    assertThat(result.anomalies().get(0).message()).contains("2 times");
  }

  @Test
  void aReplayAfterResumeIsOutOfOrderAndDuplicate() {
    CheckResult result = WatchChecker.check(LOG,
        List.of(watcher(1, WatchSelector.scope("app"), A2, B3, A4, B3, A4, B5)));

    assertThat(kinds(result)).containsExactly("out-of-order", "duplicate", "duplicate");
  }

  @Test
  void anEventNeverCommittedOrOutsideTheSelectorIsUnexpected() {
    ChangeEvent phantom = created(3, "app", "ghost", "9");
    CheckResult result = WatchChecker.check(LOG,
        List.of(watcher(1, WatchSelector.scope("app"), A2, B3, phantom, A4, X4, B5)));

    assertThat(kinds(result)).containsExactly("unexpected", "unexpected");
    assertThat(result.anomalies().get(0).message()).contains("never committed");
    assertThat(result.anomalies().get(1).message()).contains("does not match");
  }

  @Test
  void anEventWithAnotherValueIsBothAGapAndUnexpected() {
    CheckResult result = WatchChecker.check(LOG,
        List.of(watcher(1, WatchSelector.scope("app"), A2, created(3, "app", "b", "99"), A4, B5)));

    assertThat(kinds(result)).containsExactly("gap", "unexpected");
  }

  @Test
  void eventsOfOneRevisionMustKeepTheirApplyOrder() {
    ChangeEvent c7 = created(7, "app", "c", "1");
    ChangeEvent d7 = created(7, "app", "d", "1");
    CommittedLog log = new CommittedLog(7, 7, List.of(c7, d7));

    assertThat(kinds(WatchChecker.check(log, List.of(watcher(7, WatchSelector.everything(),
        d7, c7))))).containsExactly("reordered");
  }

  @Test
  void anEventBeforeTheStartRevisionIsReported() {
    CheckResult result = WatchChecker.check(LOG,
        List.of(watcher(3, WatchSelector.scope("app"), A2, B3, A4, B5)));

    assertThat(kinds(result)).containsExactly("before-start");
  }

  @Test
  void onlyRevisionsTheLogCoversAreJudged() {
    CommittedLog partial = new CommittedLog(3, 4, List.of(B3, A4, X4));
    ChangeEvent beyond = created(9, "app", "z", "1");

    CheckResult covered = WatchChecker.check(partial,
        List.of(watcher(1, WatchSelector.scope("app"), A2, B3, A4, beyond)));
    CheckResult outside = WatchChecker.check(partial,
        List.of(watcher(6, WatchSelector.scope("app"), beyond)));

    assertThat(covered.verdict()).isEqualTo(Verdict.VALID);
    assertThat(covered.stats()).containsEntry("events-checked", 2L)
        .containsEntry("events-unchecked", 2L);
    assertThat(outside.verdict()).isEqualTo(Verdict.UNKNOWN);
  }

  @Test
  void rejectsACommittedLogOutOfOrder() {
    List<ChangeEvent> backwards = new ArrayList<>(List.of(B3, A2));

    assertThatThrownBy(() -> new CommittedLog(1, 5, backwards))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("out of order");
  }
}
