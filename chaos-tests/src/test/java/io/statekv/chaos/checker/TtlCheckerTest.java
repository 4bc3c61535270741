package io.statekv.chaos.checker;

import static io.statekv.chaos.history.TestHistories.history;
import static io.statekv.chaos.history.TestHistories.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statekv.chaos.history.History;
import io.statekv.chaos.history.MalformedHistoryException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Times are in seconds written as nanoseconds: {@code t=10000000000} is 10 s into the run. */
class TtlCheckerTest {
  private static final long S = 1_000_000_000L;
  private static final TtlChecker.Options OPTIONS = new TtlChecker.Options(Duration.ofSeconds(1),
      100 * S);

  private static String at(long seconds, String op) {
    return "t=" + seconds * S + " " + op;
  }

  /** A put of {"v":1} with ttl 5 s from 0 s to 1 s: it expires between 5 s and 6 s. */
  private static final String[] PUT_TTL = {
      at(0, "0 invoke put {\"key\":\"k\",\"value\":1,\"ttl\":5}"),
      at(1, "0 ok put {\"key\":\"k\",\"value\":1,\"ttl\":5}")};

  private static final ChangeEvent WRITTEN =
      new ChangeEvent(10, "ttl", "k", ChangeEvent.CREATED, json("1"), null);
  private static final ChangeEvent EXPIRED =
      new ChangeEvent(11, "ttl", "k", ChangeEvent.DELETED, null, ChangeEvent.EXPIRED);

  private static History withReads(String... reads) {
    String[] all = new String[PUT_TTL.length + reads.length];
    System.arraycopy(PUT_TTL, 0, all, 0, PUT_TTL.length);
    System.arraycopy(reads, 0, all, PUT_TTL.length, reads.length);
    return history(all);
  }

  private static String[] read(long from, long to, String value) {
    return new String[] {at(from, "1 invoke read {\"key\":\"k\"}"),
        at(to, "1 ok read {\"key\":\"k\",\"value\":" + value + "}")};
  }

  private static String[] concat(String[]... parts) {
    return Arrays.stream(parts).flatMap(Arrays::stream)
        .toArray(String[]::new);
  }

  private static List<String> kinds(CheckResult result) {
    return result.anomalies().stream().map(Anomaly::kind).toList();
  }

  @Test
  void aKeyThatIsReadBeforeAndGoneAfterItsTtlWithOneExpiryIsValid() {
    History history = withReads(concat(read(2, 3, "1"), read(8, 9, "null")));

    CheckResult result = TtlChecker.check(history, List.of(WRITTEN, EXPIRED), OPTIONS);

    assertThat(result.verdict()).as(result.report()).isEqualTo(Verdict.VALID);
    assertThat(result.stats()).containsEntry("standing-ttl-puts", 1L);
  }

  @Test
  void aValueStillReadAfterItsTtlRanOutIsNotExpired() {
    CheckResult result = TtlChecker.check(withReads(read(8, 9, "1")),
        List.of(WRITTEN, EXPIRED), OPTIONS);

    assertThat(kinds(result)).containsExactly("not-expired");
  }

  @Test
  void readsWithinTheSlackOfTheExpiryMaySeeEither() {
    CheckResult result = TtlChecker.check(withReads(concat(read(5, 5, "null"), read(6, 6, "1"))),
        List.of(WRITTEN, EXPIRED), OPTIONS);

    assertThat(result.verdict()).isEqualTo(Verdict.VALID);
  }

  @Test
  void aValueGoneBeforeItsTtlExpiredEarly() {
    CheckResult result = TtlChecker.check(withReads(read(2, 3, "null")),
        List.of(WRITTEN, EXPIRED), OPTIONS);

    assertThat(kinds(result)).containsExactly("expired-early");
  }

  @Test
  void theExpiryEventMustBeObservedOnce() {
    CheckResult missing = TtlChecker.check(withReads(), List.of(WRITTEN), OPTIONS);
    ChangeEvent again = new ChangeEvent(12, "ttl", "k", ChangeEvent.DELETED, null, "expired");
    CheckResult twice = TtlChecker.check(withReads(), List.of(WRITTEN, EXPIRED, again), OPTIONS);

    assertThat(kinds(missing)).containsExactly("missing-expiry");
    assertThat(kinds(twice)).containsExactly("duplicate-expiry");
  }

  @Test
  void aMissingExpiryIsNotJudgedWhenEventsStoppedTooEarly() {
    CheckResult result = TtlChecker.check(withReads(), List.of(WRITTEN),
        new TtlChecker.Options(Duration.ofSeconds(1), 4 * S));

    assertThat(result.verdict()).isEqualTo(Verdict.VALID);
    assertThat(result.stats()).containsEntry("ttl-puts-without-judged-events", 1L);
  }

  @Test
  void aKeyOverwrittenBeforeItsTtlRanOutIsNotJudged() {
    History history = history(concat(PUT_TTL, new String[] {
        at(2, "2 invoke put {\"key\":\"k\",\"value\":2}"),
        at(3, "2 ok put {\"key\":\"k\",\"value\":2}")}, read(8, 9, "2")));
    ChangeEvent overwritten = new ChangeEvent(11, "ttl", "k", ChangeEvent.UPDATED, json("2"), null);

    CheckResult result = TtlChecker.check(history, List.of(WRITTEN, overwritten), OPTIONS);

    assertThat(result.verdict()).as(result.report()).isEqualTo(Verdict.UNKNOWN);
    assertThat(result.stats()).containsEntry("ttl-puts", 1L).containsEntry("standing-ttl-puts", 0L);
  }

  @Test
  void aKeyWrittenWithoutTtlMustNeverExpire() {
    History history = history(
        at(0, "0 invoke put {\"key\":\"k\",\"value\":7}"),
        at(1, "0 ok put {\"key\":\"k\",\"value\":7}"));
    ChangeEvent written = new ChangeEvent(10, "ttl", "k", ChangeEvent.CREATED, json("7"), null);

    CheckResult result = TtlChecker.check(history, List.of(written, EXPIRED), OPTIONS);

    assertThat(kinds(result)).containsExactly("unexpected-expiry");
  }

  @Test
  void anExpiryOfAKeyNoOpTouchedIsUnexpected() {
    ChangeEvent stray = new ChangeEvent(20, "ttl", "other", ChangeEvent.DELETED, null, "expired");

    CheckResult result = TtlChecker.check(withReads(), List.of(WRITTEN, EXPIRED, stray), OPTIONS);

    assertThat(kinds(result)).containsExactly("unexpected-expiry");
  }

  @Test
  void rejectsHistoriesItCannotJudge() {
    assertThatThrownBy(() -> TtlChecker.check(history("0 invoke read {\"key\":\"k\"}"),
        List.of(), OPTIONS))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessageContaining("needs the time of every op");
    assertThatThrownBy(() -> TtlChecker.check(history(
        at(0, "0 invoke put {\"key\":\"k\",\"value\":1}"),
        at(1, "1 invoke put {\"key\":\"k\",\"value\":1}")), List.of(), OPTIONS))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessageContaining("line 2: value 1 is put to key k again");
    assertThatThrownBy(() -> TtlChecker.check(history(
        at(0, "0 invoke put {\"key\":\"k\",\"value\":1,\"ttl\":0}")), List.of(), OPTIONS))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessageContaining("ttl must be whole seconds");
  }
}
