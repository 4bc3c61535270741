package io.statekv.storage.internal;

import static io.statekv.storage.internal.StoreHarness.append;
import static io.statekv.storage.internal.StoreHarness.delete;
import static io.statekv.storage.internal.StoreHarness.json;
import static io.statekv.storage.internal.StoreHarness.set;
import static io.statekv.storage.internal.StoreHarness.setIf;
import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.storage.ApplyOutput;
import io.statekv.storage.Command;
import io.statekv.storage.Entry;
import io.statekv.storage.Event;
import io.statekv.storage.EventType;
import io.statekv.storage.Failure;
import io.statekv.storage.Result;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriteSemanticsTest {
  private final StoreHarness h = new StoreHarness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void setOnAbsentKeyCreatesVersionOneAndFiresCreated() {
    ApplyOutput out = h.entry(set("s", "k", "{\"a\":1}"));

    Result.Written w = (Result.Written) out.results().get(0);
    assertThat(w.oldValue()).isNull();
    assertThat(w.newValue()).isEqualTo(json("{\"a\":1}"));
    assertThat(w.errors()).isEmpty();
    Entry e = w.entry();
    assertThat(e.revision()).isEqualTo(1);
    assertThat(e.createRevision()).isEqualTo(1);
    assertThat(e.version()).isEqualTo(1);
    assertThat(e.createdAt()).isEqualTo(StoreHarness.START_MILLIS);
    assertThat(e.updatedAt()).isEqualTo(StoreHarness.START_MILLIS);
    assertThat(e.hasExpiry()).isFalse();
    assertThat(out.events())
        .containsExactly(
            new Event(1, EventType.CREATED, "s", "k", null, json("{\"a\":1}"), Event.Reason.WRITE));
    assertThat(out.duplicates()).containsExactly(false);
    assertThat(h.get("s", "k")).isEqualTo(e);
  }

  @Test
  void setOnExistingKeyFiresUpdatedEvenForAnIdenticalValue() {
    h.apply(set("s", "k", "1"));
    h.later(500);
    ApplyOutput out = h.entry(set("s", "k", "1"));

    Entry e = ((Result.Written) out.results().get(0)).entry();
    assertThat(e.revision()).isEqualTo(2);
    assertThat(e.createRevision()).isEqualTo(1);
    assertThat(e.version()).isEqualTo(2);
    assertThat(e.createdAt()).isEqualTo(StoreHarness.START_MILLIS);
    assertThat(e.updatedAt()).isEqualTo(StoreHarness.START_MILLIS + 500);
    assertThat(out.events())
        .containsExactly(new Event(2, EventType.UPDATED, "s", "k", json("1"), json("1"), Event.Reason.WRITE));
  }

  @Test
  void everyChangeOfOneLogEntrySharesItsRevision() {
    ApplyOutput out = h.entry(set("s", "a", "1"), set("s", "b", "2"), set("s", "a", "3"));

    assertThat(out.events()).extracting(Event::revision).containsOnly(1L);
    assertThat(out.events()).extracting(Event::type)
        .containsExactly(EventType.CREATED, EventType.CREATED, EventType.UPDATED);
    Entry a = h.get("s", "a");
    assertThat(a.value()).isEqualTo(json("3"));
    assertThat(a.version()).isEqualTo(2);
  }

  @Test
  void ifRevisionZeroRequiresAbsenceAndReportsTheCurrentRevision() {
    assertThat(h.apply(setIf("s", "k", "1", 0))).isInstanceOf(Result.Written.class);

    ApplyOutput out = h.entry(setIf("s", "k", "2", 0));

    Result.Failed f = (Result.Failed) out.results().get(0);
    assertThat(f.failure()).isEqualTo(Failure.CONFLICT);
    assertThat(f.currentRevision()).isEqualTo(1);
    assertThat(f.opIndex()).isEqualTo(-1);
    assertThat(out.events()).isEmpty();
    assertThat(h.get("s", "k").value()).isEqualTo(json("1"));
    assertThat(h.get("s", "k").version()).isEqualTo(1);
  }

  @Test
  void ifRevisionNMustMatchAndAMissingKeyConflictsWithZero() {
    h.apply(set("s", "k", "1"));
    h.apply(set("s", "k", "2"));

    Result.Failed stale = (Result.Failed) h.apply(setIf("s", "k", "3", 1));
    assertThat(stale.failure()).isEqualTo(Failure.CONFLICT);
    assertThat(stale.currentRevision()).isEqualTo(2);

    assertThat(h.apply(setIf("s", "k", "3", 2))).isInstanceOf(Result.Written.class);

    Result.Failed missing = (Result.Failed) h.apply(setIf("s", "other", "3", 7));
    assertThat(missing.failure()).isEqualTo(Failure.CONFLICT);
    assertThat(missing.currentRevision()).isZero();
    assertThat(h.get("s", "other")).isNull();
  }

  @Test
  void deleteReturnsTheOldValueAndFiresDeleted() {
    h.apply(set("s", "k", "\"v\""));
    ApplyOutput out = h.entry(delete("s", "k"));

    assertThat(out.results()).containsExactly(new Result.Deleted(json("\"v\""), 2));
    assertThat(out.events())
        .containsExactly(new Event(2, EventType.DELETED, "s", "k", json("\"v\""), null, Event.Reason.WRITE));
    assertThat(h.get("s", "k")).isNull();
    assertThat(h.store.stats().entries()).isZero();
    assertThat(h.store.stats().bytes()).isZero();
  }

  @Test
  void deletingAMissingKeyReturnsNullAndFiresNothing() {
    ApplyOutput out = h.entry(delete("s", "nope"));

    assertThat(out.results()).containsExactly(new Result.Deleted(null, 0));
    assertThat(out.events()).isEmpty();
  }

  @Test
  void deleteWithAStaleIfRevisionConflicts() {
    h.apply(set("s", "k", "1"));
    Result r = h.apply(new Command.Delete("s", "k", 5));

    assertThat(r).isEqualTo(new Result.Failed(Failure.CONFLICT, ((Result.Failed) r).message(), 1, -1));
    assertThat(h.get("s", "k")).isNotNull();
  }

  @Test
  void recreatingADeletedKeyStartsAgainAtVersionOne() {
    h.apply(set("s", "k", "1"));
    h.apply(set("s", "k", "2"));
    h.apply(delete("s", "k"));
    Entry e = h.write(set("s", "k", "3"));

    assertThat(e.version()).isEqualTo(1);
    assertThat(e.createRevision()).isEqualTo(4);
  }

  @Test
  void appendCreatesAOneItemArrayThenPushes() {
    Result.Written first = (Result.Written) h.apply(append("s", "log", "{\"n\":1}"));
    assertThat(first.oldValue()).isNull();
    assertThat(first.newValue()).isEqualTo(json("[{\"n\":1}]"));

    Result.Written second = (Result.Written) h.apply(append("s", "log", "2"));
    assertThat(second.oldValue()).isEqualTo(json("[{\"n\":1}]"));
    assertThat(second.newValue()).isEqualTo(json("[{\"n\":1},2]"));
    assertThat(second.entry().version()).isEqualTo(2);

    h.apply(set("s", "empty", "[]"));
    assertThat(((Result.Written) h.apply(append("s", "empty", "[]"))).newValue()).isEqualTo(json("[[]]"));
  }

  @Test
  void appendToANonArrayFailsWithTypeMismatchAndChangesNothing() {
    h.apply(set("s", "k", "{\"a\":[]}"));
    ApplyOutput out = h.entry(append("s", "k", "1"));

    assertThat(((Result.Failed) out.results().get(0)).failure()).isEqualTo(Failure.TYPE_MISMATCH);
    assertThat(out.events()).isEmpty();
    assertThat(h.get("s", "k").value()).isEqualTo(json("{\"a\":[]}"));
    assertThat(h.get("s", "k").version()).isEqualTo(1);
  }

  @Test
  void appendPastValueBytesMaxIsRefused() {
    StringBuilder big = new StringBuilder("\"");
    big.append("x".repeat((1 << 20) - 10)).append('"');
    h.apply(set("s", "k", "[" + big + "]"));
    Result r = h.apply(append("s", "k", "\"0123456789\""));

    assertThat(((Result.Failed) r).failure()).isEqualTo(Failure.VALUE_TOO_LARGE);
    assertThat(h.get("s", "k").version()).isEqualTo(1);
  }

  @Test
  void scopesAreIndependent() {
    h.apply(set("a", "k", "1"));
    h.apply(set("b", "k", "2"));
    h.apply(delete("a", "k"));

    assertThat(h.get("a", "k")).isNull();
    assertThat(h.get("b", "k").value()).isEqualTo(json("2"));
    assertThat(h.store.listGroups(h.stamp)).isEqualTo(List.of("b"));
  }

  @Test
  void theRevisionMustAdvance() {
    h.apply(set("s", "k", "1"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> h.store.apply(1, h.stamp, List.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not advance");
    assertThat(h.store.apply(5, h.stamp, List.of()).results()).isEmpty();
    assertThat(h.store.appliedRevision()).isEqualTo(5);
  }

  @Test
  void timeNeverGoesBackwards() {
    h.at(StoreHarness.START_MILLIS + 1000);
    h.apply(set("s", "k", "1"));
    h.at(StoreHarness.START_MILLIS);
    Entry e = h.write(set("s", "k", "2"));

    assertThat(e.updatedAt()).isEqualTo(StoreHarness.START_MILLIS + 1000);
    assertThat(h.store.lastStamp()).isEqualTo(StoreHarness.START_MILLIS + 1000);
  }
}
