package io.statekv.storage.internal;

import static io.statekv.storage.internal.StoreHarness.START_MILLIS;
import static io.statekv.storage.internal.StoreHarness.append;
import static io.statekv.storage.internal.StoreHarness.delete;
import static io.statekv.storage.internal.StoreHarness.json;
import static io.statekv.storage.internal.StoreHarness.set;
import static io.statekv.storage.internal.StoreHarness.setIf;
import static io.statekv.storage.internal.StoreHarness.setTtl;
import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.storage.ApplyOutput;
import io.statekv.storage.Command;
import io.statekv.storage.Entry;
import io.statekv.storage.Event;
import io.statekv.storage.EventType;
import io.statekv.storage.Failure;
import io.statekv.storage.ListQuery;
import io.statekv.storage.Result;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TtlTest {
  private final StoreHarness h = new StoreHarness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void expiresAtIsTheEntryTimePlusTheTtl() {
    Entry e = h.write(setTtl("s", "k", "1", 30));

    assertThat(e.expiresAt()).isEqualTo(START_MILLIS + 30_000);
    assertThat(h.store.nextExpiryAt()).isEqualTo(START_MILLIS + 30_000);
  }

  @Test
  void anExpiredEntryIsInvisibleToEveryReadFromTheExactMillisecond() {
    h.write(setTtl("s", "k", "1", 10));
    long expiry = START_MILLIS + 10_000;

    assertThat(h.store.get("s", "k", expiry - 1)).isNotNull();
    assertThat(h.store.get("s", "k", expiry)).isNull();
    assertThat(h.store.list(new ListQuery("s", "", "", 10, false), expiry - 1).entries()).hasSize(1);
    assertThat(h.store.list(new ListQuery("s", "", "", 10, false), expiry).entries()).isEmpty();
    assertThat(h.store.listGroups(expiry - 1)).containsExactly("s");
    assertThat(h.store.listGroups(expiry)).isEmpty();
    assertThat(h.store.stats().entries()).isEqualTo(1);
  }

  @Test
  void aScopeWithOnlyExpiredEntriesIsLeftOutOfListGroups() {
    h.apply(setTtl("a", "k", "1", 5));
    h.apply(setTtl("b", "k", "1", 5));
    h.apply(setTtl("b", "l", "1", 50));
    h.apply(set("c", "k", "1"));

    assertThat(h.store.listGroups(START_MILLIS + 5_000)).containsExactly("b", "c");
    assertThat(h.store.listGroups(START_MILLIS + 50_000)).containsExactly("c");
  }

  @Test
  void aWriteWithoutTtlKeepsTheExpiryButSetClearsIt() {
    h.apply(setTtl("s", "list", "[]", 60));
    Entry appended = h.write(append("s", "list", "1"));
    assertThat(appended.expiresAt()).isEqualTo(START_MILLIS + 60_000);

    h.later(1_000);
    Entry refreshed =
        h.write(new Command.Append("s", "list", json("2"), 120, Command.ANY_REVISION));
    assertThat(refreshed.expiresAt()).isEqualTo(START_MILLIS + 1_000 + 120_000);

    Entry cleared = h.write(set("s", "list", "[]"));
    assertThat(cleared.hasExpiry()).isFalse();
    assertThat(h.store.nextExpiryAt()).isEqualTo(Long.MAX_VALUE);
    assertThat(h.store.get("s", "list", START_MILLIS + 10_000_000)).isNotNull();
  }

  @Test
  void aWriteThatMeetsAnExpiredEntryDeletesItFirstAndThenCreates() {
    h.apply(setTtl("s", "k", "\"old\"", 1));
    h.later(1_000);
    ApplyOutput out = h.entry(set("s", "k", "\"new\""));

    assertThat(out.events())
        .containsExactly(
            new Event(2, EventType.DELETED, "s", "k", json("\"old\""), null, Event.Reason.EXPIRED),
            new Event(2, EventType.CREATED, "s", "k", null, json("\"new\""), Event.Reason.WRITE));
    Result.Written w = (Result.Written) out.results().get(0);
    assertThat(w.oldValue()).isNull();
    assertThat(w.entry().version()).isEqualTo(1);
    assertThat(w.entry().createRevision()).isEqualTo(2);
  }

  @Test
  void ifRevisionZeroSucceedsOnAnExpiredEntry() {
    h.apply(setTtl("s", "k", "1", 1));
    h.later(1_000);

    assertThat(h.apply(setIf("s", "k", "2", 0))).isInstanceOf(Result.Written.class);
  }

  @Test
  void aFailedWriteOnAnExpiredEntryLeavesItInPlace() {
    h.apply(setTtl("s", "k", "1", 1));
    h.later(1_000);
    ApplyOutput out = h.entry(setIf("s", "k", "2", 1));

    Result.Failed f = (Result.Failed) out.results().get(0);
    assertThat(f.failure()).isEqualTo(Failure.CONFLICT);
    assertThat(f.currentRevision()).isZero();
    assertThat(out.events()).isEmpty();
    assertThat(h.store.stats().entries()).isEqualTo(1);
    assertThat(h.store.nextExpiryAt()).isEqualTo(START_MILLIS + 1_000);
  }

  @Test
  void deletingAnExpiredEntryFiresOneExpiredDeletionAndReturnsNull() {
    h.apply(setTtl("s", "k", "1", 1));
    h.later(5_000);
    ApplyOutput out = h.entry(delete("s", "k"));

    assertThat(out.results()).containsExactly(new Result.Deleted(null, 0));
    assertThat(out.events())
        .containsExactly(new Event(2, EventType.DELETED, "s", "k", json("1"), null, Event.Reason.EXPIRED));
    assertThat(h.store.stats().entries()).isZero();
  }

  @Test
  void expireDeletesDueEntriesInKeyOrderWithReasonExpired() {
    h.apply(setTtl("s", "b", "2", 10));
    h.apply(setTtl("s", "a", "1", 20));
    h.apply(setTtl("r", "z", "3", 15));
    h.apply(setTtl("s", "late", "4", 100));
    h.apply(set("s", "forever", "5"));
    h.at(START_MILLIS + 20_000);

    ApplyOutput out = h.entry(new Command.Expire(100));

    assertThat(out.results()).containsExactly(new Result.Expired(3));
    assertThat(out.events())
        .extracting(Event::scope, Event::key, Event::type, Event::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("r", "z", EventType.DELETED, Event.Reason.EXPIRED),
            org.assertj.core.groups.Tuple.tuple("s", "a", EventType.DELETED, Event.Reason.EXPIRED),
            org.assertj.core.groups.Tuple.tuple("s", "b", EventType.DELETED, Event.Reason.EXPIRED));
    assertThat(out.events()).extracting(Event::oldValue).containsExactly(json("3"), json("1"), json("2"));
    assertThat(h.store.stats().entries()).isEqualTo(2);
    assertThat(h.store.nextExpiryAt()).isEqualTo(START_MILLIS + 100_000);
  }

  @Test
  void expireTakesTheEarliestExpiriesFirstWhenMoreThanMaxAreDue() {
    h.apply(setTtl("s", "c", "1", 3));
    h.apply(setTtl("s", "a", "1", 2));
    h.apply(setTtl("s", "b", "1", 1));
    h.at(START_MILLIS + 10_000);

    ApplyOutput first = h.entry(new Command.Expire(2));
    assertThat(first.events()).extracting(Event::key).containsExactly("a", "b");
    ApplyOutput second = h.entry(new Command.Expire(2));
    assertThat(second.events()).extracting(Event::key).containsExactly("c");
    assertThat(h.entry(new Command.Expire(2)).results()).containsExactly(new Result.Expired(0));
  }

  @Test
  void expireSkipsAKeyTheSameLogEntryAlreadyRewrote() {
    h.apply(setTtl("s", "k", "1", 1));
    h.apply(setTtl("s", "j", "1", 1));
    h.later(2_000);

    ApplyOutput out = h.entry(set("s", "k", "2"), new Command.Expire(10));

    assertThat(out.events())
        .extracting(Event::key, Event::type, Event::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("k", EventType.DELETED, Event.Reason.EXPIRED),
            org.assertj.core.groups.Tuple.tuple("k", EventType.CREATED, Event.Reason.WRITE),
            org.assertj.core.groups.Tuple.tuple("j", EventType.DELETED, Event.Reason.EXPIRED));
    assertThat(out.results().get(1)).isEqualTo(new Result.Expired(1));
    assertThat(h.get("s", "k").value()).isEqualTo(json("2"));
  }

  @Test
  void expireUsesTheEffectiveTimeNotABackwardsStamp() {
    h.apply(setTtl("s", "k", "1", 1));
    h.at(START_MILLIS + 5_000);
    h.apply(set("s", "other", "1"));
    h.at(START_MILLIS);

    assertThat(h.entry(new Command.Expire(10)).results()).containsExactly(new Result.Expired(1));
  }

  @Test
  void nothingIsDueBeforeItsExpiry() {
    h.apply(setTtl("s", "k", "1", 10));
    h.at(START_MILLIS + 9_999);

    assertThat(h.entry(new Command.Expire(10)).results()).isEqualTo(List.of(new Result.Expired(0)));
    assertThat(h.get("s", "k")).isNotNull();
  }
}
