package io.statekv.storage.internal;

import static io.statekv.storage.internal.StoreHarness.delete;
import static io.statekv.storage.internal.StoreHarness.json;
import static io.statekv.storage.internal.StoreHarness.set;
import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.storage.ApplyOutput;
import io.statekv.storage.ClusterSettings;
import io.statekv.storage.Command;
import io.statekv.storage.Failure;
import io.statekv.storage.Json;
import io.statekv.storage.Limits;
import io.statekv.storage.Request;
import io.statekv.storage.Result;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The replicated quotas refuse first and deterministically; Chronicle never has to. */
class QuotaTest {
  private static final int ENTRIES_MAX = 10_000;

  private static ClusterSettings settings(int valueBytesMax, long entriesMax, long stateBytesMax) {
    return new ClusterSettings(valueBytesMax, entriesMax, stateBytesMax, 100, 600_000);
  }

  /** Writes keys {@code from..to-1} of scope s with value {@code value}, 1000 per log entry. */
  private static void fill(StoreHarness h, int from, int to, Json value) {
    List<Request> batch = new ArrayList<>();
    for (int i = from; i < to; i++) {
      batch.add(new Request(null, new Command.Set("s", "k" + i, value, Command.NO_TTL, Command.ANY_REVISION)));
      if (batch.size() == 1000 || i == to - 1) {
        for (Result r : h.entry(batch).results()) {
          assertThat(r).isInstanceOf(Result.Written.class);
        }
        batch.clear();
      }
    }
  }

  @Test
  void entriesMaxRefusesTheNextCreateAndChangesNothing() {
    ClusterSettings s = settings(Limits.VALUE_BYTES_MAX_DEFAULT, ENTRIES_MAX, 1L << 30);
    try (StoreHarness h = StoreHarness.withSettings(s);
        StoreHarness twin = StoreHarness.withSettings(s)) {
      fill(h, 0, ENTRIES_MAX, json("1"));
      fill(twin, 0, ENTRIES_MAX, json("1"));
      assertThat(h.store.stats().entries()).isEqualTo(ENTRIES_MAX);

      ApplyOutput out = h.entry(set("s", "one-too-many", "1"));
      twin.entry();

      Result.Failed f = (Result.Failed) out.results().get(0);
      assertThat(f.failure()).isEqualTo(Failure.QUOTA_EXCEEDED);
      assertThat(out.events()).isEmpty();
      assertThat(h.get("s", "one-too-many")).isNull();
      assertThat(h.hash()).isEqualTo(twin.hash());

      assertThat(h.apply(set("s", "k5", "2"))).isInstanceOf(Result.Written.class);
      h.apply(delete("s", "k0"));
      assertThat(h.apply(set("s", "one-too-many", "1"))).isInstanceOf(Result.Written.class);
      assertThat(h.store.stats().entries()).isEqualTo(ENTRIES_MAX);
    }
  }

  @Test
  void quotaCountsEarlierRequestsOfTheSameLogEntry() {
    try (StoreHarness h = StoreHarness.withSettings(settings(1024, 2, 1 << 20))) {
      ApplyOutput out = h.entry(set("s", "a", "1"), set("s", "b", "1"), set("s", "c", "1"));

      assertThat(out.results().get(1)).isInstanceOf(Result.Written.class);
      assertThat(((Result.Failed) out.results().get(2)).failure()).isEqualTo(Failure.QUOTA_EXCEEDED);
    }
  }

  @Test
  void stateBytesMaxCountsScopeKeyAndValueBytes() {
    String value = "\"" + "x".repeat(998) + "\"";
    int perEntry = "s".length() + "k0".length() + 1000;
    try (StoreHarness h = StoreHarness.withSettings(settings(2048, 1000, 4L * perEntry))) {
      for (int i = 0; i < 4; i++) {
        assertThat(h.apply(set("s", "k" + i, value))).isInstanceOf(Result.Written.class);
      }
      assertThat(h.store.stats().bytes()).isEqualTo(4L * perEntry);

      assertThat(((Result.Failed) h.apply(set("s", "k9", "1"))).failure()).isEqualTo(Failure.QUOTA_EXCEEDED);
      assertThat(((Result.Failed) h.apply(set("s", "k0", value.replace("xx", "xxx")))).failure())
          .isEqualTo(Failure.QUOTA_EXCEEDED);
      assertThat(h.apply(set("s", "k0", "\"shorter\""))).isInstanceOf(Result.Written.class);
      assertThat(h.apply(set("s", "k9", "1"))).isInstanceOf(Result.Written.class);
    }
  }

  @Test
  void valuesAtTheCeilingStoreAndReadBackAndOneByteMoreIsRefused() {
    int ceiling = Limits.VALUE_BYTES_MAX_CEILING;
    ClusterSettings s = settings(ceiling, ENTRIES_MAX, 256L << 20);
    try (StoreHarness h = StoreHarness.withSettings(s)) {
      ChronicleStateStore store = (ChronicleStateStore) h.store;
      long emptyMapEntries = store.mapEntries();
      Json biggest = stringOfSize(ceiling);

      assertThat(h.apply(new Command.Set("s", "big", biggest, Command.NO_TTL, Command.ANY_REVISION)))
          .isInstanceOf(Result.Written.class);
      assertThat(h.get("s", "big").value()).isEqualTo(biggest);
      assertThat(store.mapEntries() - emptyMapEntries).isEqualTo(ceiling / EntryCodec.PIECE_BYTES);

      Result tooBig =
          h.apply(new Command.Set("s", "big2", stringOfSize(ceiling + 1), Command.NO_TTL, Command.ANY_REVISION));
      assertThat(((Result.Failed) tooBig).failure()).isEqualTo(Failure.VALUE_TOO_LARGE);

      h.apply(set("s", "big", "\"small\""));
      assertThat(store.mapEntries() - emptyMapEntries).isEqualTo(1);
      assertThat(h.get("s", "big").value()).isEqualTo(json("\"small\""));
    }
  }

  @Test
  void theDefaultValueLimitRefusesOneByteOverOneMebibyte() {
    try (StoreHarness h = new StoreHarness()) {
      Json max = stringOfSize(Limits.VALUE_BYTES_MAX_DEFAULT);
      assertThat(h.apply(new Command.Set("s", "k", max, Command.NO_TTL, Command.ANY_REVISION)))
          .isInstanceOf(Result.Written.class);
      Result r =
          h.apply(
              new Command.Set(
                  "s", "k", stringOfSize(Limits.VALUE_BYTES_MAX_DEFAULT + 1), Command.NO_TTL, Command.ANY_REVISION));
      assertThat(((Result.Failed) r).failure()).isEqualTo(Failure.VALUE_TOO_LARGE);
    }
  }

  /**
   * The worst demands the quotas allow, on a map sized for small settings: every entry used,
   * every byte used by the largest values, and churn between value sizes that fragments tiers.
   */
  @Test
  void chronicleNeverRefusesWhatTheQuotasAllow() {
    long stateBytes = 96L << 20;
    ClusterSettings s = settings(Limits.VALUE_BYTES_MAX_CEILING, ENTRIES_MAX, stateBytes);
    try (StoreHarness h = StoreHarness.withSettings(s)) {
      fill(h, 0, ENTRIES_MAX, stringOfSize(64));
      fill(h, 0, ENTRIES_MAX / 4, stringOfSize(EntryCodec.PIECE_BYTES + 1));
      fill(h, 0, ENTRIES_MAX, stringOfSize(700));
      for (int i = 0; i < ENTRIES_MAX; i += 2) {
        h.apply(delete("s", "k" + i));
      }
      Json ceilingValue = stringOfSize(Limits.VALUE_BYTES_MAX_CEILING);
      String longKey = "b".repeat(Limits.KEY_BYTES_MAX - 4);
      int big = writeUntilQuota(h, longKey, ceilingValue);
      assertThat(big).isGreaterThanOrEqualTo(5);
      assertThat(stateBytes - h.store.stats().bytes()).isLessThan(ceilingValue.size() + ("s" + longKey + big).length());
      for (int i = 1; i < ENTRIES_MAX; i += 2) {
        h.apply(delete("s", "k" + i));
      }
      int pieces3 = writeUntilQuota(h, "p", stringOfSize(3 * EntryCodec.PIECE_BYTES - 7));
      assertThat(pieces3).isGreaterThan(10);
      assertThat(h.store.stats().bytes()).isGreaterThan(stateBytes - 3 * EntryCodec.PIECE_BYTES);
      assertThat(h.get("s", longKey + "0").value()).isEqualTo(ceilingValue);
      assertThat(h.get("s", "p0").value().size()).isEqualTo(3 * EntryCodec.PIECE_BYTES - 7);
    }
  }

  @Test
  void raisingTheCapacityMovesEntriesIntoALargerMapWithTheSameState() {
    ClusterSettings small = settings(Limits.VALUE_BYTES_MAX_DEFAULT, 20_000, 64L << 20);
    ClusterSettings large = settings(Limits.VALUE_BYTES_MAX_DEFAULT, 200_000, 1L << 30);
    try (StoreHarness h = StoreHarness.withSettings(small);
        StoreHarness bigFromStart = StoreHarness.withSettings(large)) {
      bigFromStart.apply(new Command.ChangeSettings(small));
      h.apply(new Command.ChangeSettings(small));
      fill(h, 0, 20_000, json("{\"n\":1}"));
      fill(bigFromStart, 0, 20_000, json("{\"n\":1}"));
      MapSizing before = ((ChronicleStateStore) h.store).mapSizing();

      h.apply(new Command.ChangeSettings(large));
      bigFromStart.apply(new Command.ChangeSettings(large));
      fill(h, 20_000, 60_000, json("{\"n\":2}"));
      fill(bigFromStart, 20_000, 60_000, json("{\"n\":2}"));

      MapSizing after = ((ChronicleStateStore) h.store).mapSizing();
      assertThat(after.entries()).isGreaterThan(before.entries());
      assertThat(after.covers(MapSizing.forSettings(large))).isTrue();
      assertThat(h.hash()).isEqualTo(bigFromStart.hash());
      assertThat(h.get("s", "k0").value()).isEqualTo(json("{\"n\":1}"));
    }
  }

  /**
   * The invariant the sizing keeps, broken on purpose: a map far smaller than the quotas allow.
   * Chronicle's refusal must surface as an exception, never as a result, and the half-written
   * store must refuse to serve.
   */
  @Test
  void aMapSmallerThanTheQuotasFailsLoudlyAndTheStoreRefusesFurtherUse() {
    ClusterSettings roomy = settings(Limits.VALUE_BYTES_MAX_DEFAULT, 10_000_000, 1L << 30);
    MapSizing undersized = new MapSizing(MapSizing.ENTRIES_FLOOR, 64, 1.0);
    try (ChronicleStateStore store =
        new ChronicleStateStore(roomy, 0, 0, new StoredState(undersized), new ClientSessions())) {
      StoreHarness h = new StoreHarness(store);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> fill(h, 0, 200_000, stringOfSize(200)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("sizing invariant");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.get("s", "k0", 0))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("unusable");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> h.entry())
          .isInstanceOf(IllegalStateException.class);
    }
  }

  /** Writes keys prefix0, prefix1, ... until the quota refuses; returns how many were written. */
  private static int writeUntilQuota(StoreHarness h, String prefix, Json value) {
    for (int n = 0; ; n++) {
      Result r = h.apply(new Command.Set("s", prefix + n, value, Command.NO_TTL, Command.ANY_REVISION));
      if (r instanceof Result.Failed f) {
        assertThat(f.failure()).isEqualTo(Failure.QUOTA_EXCEEDED);
        return n;
      }
    }
  }

  static Json stringOfSize(int bytes) {
    byte[] b = new byte[bytes];
    java.util.Arrays.fill(b, (byte) 'v');
    b[0] = '"';
    b[bytes - 1] = '"';
    return Json.ofCompact(b);
  }
}
