package io.statekv.storage.internal;

import static io.statekv.storage.internal.StoreHarness.START_MILLIS;
import static io.statekv.storage.internal.StoreHarness.append;
import static io.statekv.storage.internal.StoreHarness.json;
import static io.statekv.storage.internal.StoreHarness.set;
import static io.statekv.storage.internal.StoreHarness.setIf;
import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.storage.ApplyOutput;
import io.statekv.storage.ClusterSettings;
import io.statekv.storage.Command;
import io.statekv.storage.Failure;
import io.statekv.storage.Limits;
import io.statekv.storage.Request;
import io.statekv.storage.Result;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionsTest {
  private static final UUID A = new UUID(0, 1);
  private static final UUID B = new UUID(0, 2);
  private static final UUID C = new UUID(0, 3);

  private final StoreHarness h = new StoreHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private ApplyOutput send(UUID client, long seq, long ackedBelow, Command c) {
    return h.entry(List.of(new Request(new Request.Session(client, seq, ackedBelow), c)));
  }

  private Result result(UUID client, long seq, long ackedBelow, Command c) {
    return send(client, seq, ackedBelow, c).results().get(0);
  }

  @Test
  void aRetryGetsTheCachedResultAndIsNotAppliedAgain() {
    ApplyOutput first = send(A, 1, 0, append("s", "log", "1"));
    h.apply(set("s", "other", "1"));
    ApplyOutput retry = send(A, 1, 0, append("s", "log", "1"));

    assertThat(retry.results()).isEqualTo(first.results());
    assertThat(retry.duplicates()).containsExactly(true);
    assertThat(first.duplicates()).containsExactly(false);
    assertThat(retry.events()).isEmpty();
    assertThat(h.get("s", "log").value()).isEqualTo(json("[1]"));
  }

  @Test
  void aRetryInsideTheSameLogEntryIsAnsweredFromTheSession() {
    Request r = new Request(new Request.Session(A, 1, 0), append("s", "log", "1"));
    ApplyOutput out = h.entry(List.of(r, r));

    assertThat(out.duplicates()).containsExactly(false, true);
    assertThat(out.results().get(1)).isEqualTo(out.results().get(0));
    assertThat(out.events()).hasSize(1);
  }

  @Test
  void aFailureIsCachedToo() {
    h.apply(set("s", "k", "1"));
    Result first = result(A, 1, 0, setIf("s", "k", "2", 0));
    h.apply(new Command.Delete("s", "k", Command.ANY_REVISION));
    Result retry = result(A, 1, 0, setIf("s", "k", "2", 0));

    assertThat(((Result.Failed) first).failure()).isEqualTo(Failure.CONFLICT);
    assertThat(retry).isEqualTo(first);
    assertThat(h.get("s", "k")).isNull();
  }

  @Test
  void requestsMayArriveOutOfOrder() {
    assertThat(result(A, 3, 0, append("s", "log", "3"))).isInstanceOf(Result.Written.class);
    assertThat(result(A, 2, 0, append("s", "log", "2"))).isInstanceOf(Result.Written.class);
    assertThat(send(A, 3, 0, append("s", "log", "3")).duplicates()).containsExactly(true);

    assertThat(h.get("s", "log").value()).isEqualTo(json("[3,2]"));
  }

  @Test
  void ackedBelowForgetsResponsesAndOlderRequestsExpire() {
    send(A, 1, 0, append("s", "log", "1"));
    send(A, 2, 0, append("s", "log", "2"));
    send(A, 3, 2, append("s", "log", "3"));

    ApplyOutput stale = send(A, 1, 0, append("s", "log", "1"));
    assertThat(((Result.Failed) stale.results().get(0)).failure()).isEqualTo(Failure.SESSION_EXPIRED);
    assertThat(stale.duplicates()).containsExactly(false);
    assertThat(stale.events()).isEmpty();
    assertThat(send(A, 2, 0, append("s", "log", "2")).duplicates()).containsExactly(true);
    assertThat(h.get("s", "log").value()).isEqualTo(json("[1,2,3]"));
  }

  @Test
  void aClientKeepsAtMostSessionResponsesMaxAndDroppingTheLowestRaisesTheFloor() {
    for (int seq = 1; seq <= Limits.SESSION_RESPONSES_MAX + 1; seq++) {
      send(A, seq, 0, set("s", "k" + seq, "1"));
    }

    assertThat(((Result.Failed) result(A, 1, 0, set("s", "k1", "1"))).failure()).isEqualTo(Failure.SESSION_EXPIRED);
    assertThat(send(A, 2, 0, set("s", "k2", "1")).duplicates()).containsExactly(true);
    assertThat(h.get("s", "k1").version()).isEqualTo(1);
  }

  @Test
  void cachedResponsesAreBoundedInBytesAcrossClients() {
    String mib = "\"" + "x".repeat((1 << 20) - 2) + "\"";
    int writes = (int) (Limits.SESSION_RESPONSE_BYTES_MAX >> 21) + 4;
    for (int seq = 1; seq <= writes; seq++) {
      send(A, seq, 0, set("s", "big", mib));
    }

    assertThat(((Result.Failed) result(A, 1, 0, set("s", "big", mib))).failure()).isEqualTo(Failure.SESSION_EXPIRED);
    assertThat(send(A, writes, 0, set("s", "big", mib)).duplicates()).containsExactly(true);
    assertThat(h.get("s", "big").version()).isEqualTo(writes);
  }

  @Test
  void theLeastRecentlySeenClientIsEvictedPastSessionsMax() {
    h.apply(new Command.ChangeSettings(new ClusterSettings(1 << 20, 1000, 1 << 30, 2, 600_000)));
    send(A, 1, 0, append("s", "a", "1"));
    h.later(1);
    send(B, 1, 0, append("s", "b", "1"));
    h.later(1);
    send(A, 2, 0, append("s", "a", "2"));
    h.later(1);
    send(C, 1, 0, append("s", "c", "1"));

    assertThat(h.store.stats().sessions()).isEqualTo(2);
    assertThat(send(A, 1, 0, append("s", "a", "1")).duplicates()).containsExactly(true);
    ApplyOutput forgotten = send(B, 1, 0, append("s", "b", "1"));
    assertThat(forgotten.duplicates()).containsExactly(false);
    assertThat(h.get("s", "b").value()).isEqualTo(json("[1,1]"));
  }

  @Test
  void evictionTiesAreBrokenByClientId() {
    h.apply(new Command.ChangeSettings(new ClusterSettings(1 << 20, 1000, 1 << 30, 2, 600_000)));
    h.entry(
        List.of(
            new Request(new Request.Session(B, 1, 0), append("s", "b", "1")),
            new Request(new Request.Session(A, 1, 0), append("s", "a", "1"))));
    h.later(1);
    send(C, 1, 0, append("s", "c", "1"));

    assertThat(send(B, 1, 0, append("s", "b", "1")).duplicates()).containsExactly(true);
  }

  @Test
  void aClientIdleForLongerThanTheSessionTtlIsEvicted() {
    h.apply(new Command.ChangeSettings(new ClusterSettings(1 << 20, 1000, 1 << 30, 100, 1_000)));
    send(A, 1, 0, append("s", "a", "1"));

    h.at(START_MILLIS + 1_000);
    h.entry();
    assertThat(h.store.stats().sessions()).isEqualTo(1);

    h.at(START_MILLIS + 1_001);
    h.entry();
    assertThat(h.store.stats().sessions()).isZero();
  }

  @Test
  void loweringSessionsMaxEvictsAtOnce() {
    send(A, 1, 0, set("s", "a", "1"));
    h.later(1);
    send(B, 1, 0, set("s", "b", "1"));
    h.apply(new Command.ChangeSettings(new ClusterSettings(1 << 20, 1000, 1 << 30, 1, 600_000)));

    assertThat(h.store.stats().sessions()).isEqualTo(1);
    assertThat(send(B, 1, 0, set("s", "b", "1")).duplicates()).containsExactly(true);
  }

  @Test
  void aSettingsChangeThatLowersSessionsMaxKeepsTheSessionOfItsOwnRequest() {
    send(B, 1, 0, set("s", "b", "1"));
    Command lower = new Command.ChangeSettings(new ClusterSettings(1 << 20, 1000, 1 << 30, 1, 600_000));
    ApplyOutput first = send(A, 1, 0, lower);
    ApplyOutput retry = send(A, 1, 0, lower);

    assertThat(h.store.stats().sessions()).isEqualTo(1);
    assertThat(retry.duplicates()).containsExactly(true);
    assertThat(retry.results()).isEqualTo(first.results());
  }

  @Test
  void requestsWithoutASessionAreNeverDeduplicated() {
    h.apply(append("s", "log", "1"));
    h.apply(append("s", "log", "1"));

    assertThat(h.get("s", "log").value()).isEqualTo(json("[1,1]"));
    assertThat(h.store.stats().sessions()).isZero();
  }

  @Test
  void aSessionWithoutClientIdIsInvalid() {
    Result r = result(null, 1, 0, set("s", "k", "1"));

    assertThat(((Result.Failed) r).failure()).isEqualTo(Failure.INVALID_ARGUMENT);
    assertThat(h.get("s", "k")).isNull();
  }

  @Test
  void sessionsArePartOfTheStateHash() {
    try (StoreHarness other = new StoreHarness()) {
      send(A, 1, 0, set("s", "k", "1"));
      other.entry(List.of(new Request(null, set("s", "k", "1"))));
      assertThat(h.hash()).isNotEqualTo(other.hash());
    }
  }
}
