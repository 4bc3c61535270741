package io.statekv.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.storage.ApplyOutput;
import io.statekv.storage.ClusterSettings;
import io.statekv.storage.Command;
import io.statekv.storage.Entry;
import io.statekv.storage.Json;
import io.statekv.storage.ListPage;
import io.statekv.storage.ListQuery;
import io.statekv.storage.Request;
import io.statekv.storage.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicas that apply the same log end in the same state: seeded random logs of every command
 * kind, applied to two fresh stores, give equal outputs after every entry and equal state hashes;
 * a snapshot taken at a random point, loaded and fed the rest, ends where the full replay ends.
 *
 * <p>Each run uses two fixed seeds and one new one; a failure names its seed, and {@code
 * -Dstatekv.seed=N} replays exactly that seed ({@code -Dstatekv.entries=N} sets the log length).
 */
class DeterminismTest {
  /** Log entries per seed; {@code -Dstatekv.entries=N} runs longer logs. */
  private static final int ENTRIES = Integer.getInteger("statekv.entries", 3_000);
  private static final ClusterSettings START = new ClusterSettings(1 << 20, 150, 16L << 20, 3, 5_000);

  @TempDir Path dir;

  static List<Long> seeds() {
    String given = System.getProperty("statekv.seed");
    if (given != null) {
      return List.of(Long.parseLong(given));
    }
    return List.of(1L, 20_260_101L, System.nanoTime());
  }

  static void forEachSeed(LongConsumer test) {
    for (long seed : seeds()) {
      forEachSeedOnly(seed, test);
    }
  }

  /** Runs {@code test} with one seed, naming the seed if it fails. */
  static void forEachSeedOnly(long seed, LongConsumer test) {
    try {
      test.accept(seed);
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError("failed with seed " + seed + " (replay with -Dstatekv.seed=" + seed + ")", e);
    }
  }

  @Test
  void twoStoresApplyingTheSameLogStayEqual() {
    forEachSeed(seed -> replayTwice(seed, RandomLog.STORE_KINDS));
  }

  static void replayTwice(long seed, EnumSet<RandomLog.Kind> kinds) {
    RandomLog log = new RandomLog(seed, kinds);
    try (StateStore a = ChronicleStateStore.createEmpty(START);
        StateStore b = ChronicleStateStore.createEmpty(START)) {
      for (int i = 0; i < ENTRIES; i++) {
        RandomLog.LogEntry e = log.next();
        ApplyOutput outA = a.apply(e.revision(), e.stamp(), e.requests());
        ApplyOutput outB = b.apply(e.revision(), e.stamp(), e.requests());
        assertThat(outB).as("output of entry %d", e.revision()).isEqualTo(outA);
        assertThat(b.stateHash()).as("hash after entry %d", e.revision()).isEqualTo(a.stateHash());
        checkIndexesAgreeWithCounts(a);
      }
      assertThat(a.stats().entries()).isPositive();
    }
  }

  /** Every stored entry is listed exactly once, and the counts match what is listed. */
  static void checkIndexesAgreeWithCounts(StateStore s) {
    long entries = 0;
    long bytes = 0;
    for (String scope : s.listGroups(Long.MIN_VALUE)) {
      String after = "";
      do {
        ListPage page = s.list(new ListQuery(scope, "", after, 1000, false), Long.MIN_VALUE);
        for (Entry e : page.entries()) {
          entries++;
          bytes += scope.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
              + e.key().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + e.value().size();
          assertThat(s.get(scope, e.key(), Long.MIN_VALUE)).isEqualTo(e);
        }
        after = page.nextAfter();
      } while (after != null);
    }
    assertThat(entries).isEqualTo(s.stats().entries());
    assertThat(bytes).isEqualTo(s.stats().bytes());
  }

  @Test
  void aSnapshotAtARandomPointPlusTheRestEqualsTheFullReplay() {
    forEachSeed(seed -> snapshotMidway(seed, RandomLog.STORE_KINDS, dir));
  }

  static void snapshotMidway(long seed, EnumSet<RandomLog.Kind> kinds, Path dir) {
    RandomLog log = new RandomLog(seed, kinds);
    List<RandomLog.LogEntry> entries = new ArrayList<>();
    for (int i = 0; i < ENTRIES; i++) {
      entries.add(log.next());
    }
    int cut = new Random(seed).nextInt(ENTRIES);
    Path file = dir.resolve("mid-" + seed + ".snap");
    try (StateStore full = ChronicleStateStore.createEmpty(START)) {
      List<ApplyOutput> fullOutputs = new ArrayList<>();
      for (int i = 0; i < entries.size(); i++) {
        RandomLog.LogEntry e = entries.get(i);
        fullOutputs.add(full.apply(e.revision(), e.stamp(), e.requests()));
        if (i == cut) {
          full.writeSnapshot(file);
        }
      }
      try (StateStore resumed = StateStore.openSnapshot(file)) {
        for (int i = cut + 1; i < entries.size(); i++) {
          RandomLog.LogEntry e = entries.get(i);
          assertThat(resumed.apply(e.revision(), e.stamp(), e.requests()))
              .as("output of entry %d after a snapshot at entry %d", e.revision(), cut)
              .isEqualTo(fullOutputs.get(i));
        }
        assertThat(resumed.stateHash()).isEqualTo(full.stateHash());
      }
      Files.delete(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void fillingInDifferentKeyOrdersGivesEqualHashes() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      keys.add("key/" + Integer.toString(i * 7919 % 10_007, 36));
    }
    List<String> shuffled = new ArrayList<>(keys);
    Collections.shuffle(shuffled, new Random(42));
    List<String> reversed = new ArrayList<>(keys);
    Collections.sort(reversed, Collections.reverseOrder());
    byte[] first = null;
    for (List<String> order : List.of(keys, shuffled, reversed)) {
      try (StateStore s = StateStore.create()) {
        List<Request> entry = new ArrayList<>();
        for (String k : order) {
          String scope = "scope" + (k.hashCode() & 3);
          entry.add(new Request(null, new Command.Set(scope, k, Json.parse("{\"k\":\"" + k + "\"}"), 0, -1)));
        }
        s.apply(1, 1_000, entry);
        byte[] hash = s.stateHash();
        if (first == null) {
          first = hash;
        }
        assertThat(hash).isEqualTo(first);
      }
    }
  }

  @Test
  void theHashSeesEveryPartOfTheState() {
    try (StoreHarness base = new StoreHarness()) {
      base.apply(StoreHarness.set("s", "k", "1"));
      byte[] reference = base.hash();
      try (StoreHarness otherValue = new StoreHarness();
          StoreHarness otherStamp = new StoreHarness();
          StoreHarness otherRevision = new StoreHarness();
          StoreHarness otherKey = new StoreHarness()) {
        otherValue.apply(StoreHarness.set("s", "k", "2"));
        otherStamp.later(1).apply(StoreHarness.set("s", "k", "1"));
        otherRevision.revision = 1;
        otherRevision.apply(StoreHarness.set("s", "k", "1"));
        otherKey.apply(StoreHarness.set("s", "j", "1"));
        for (StoreHarness other : List.of(otherValue, otherStamp, otherRevision, otherKey)) {
          assertThat(other.hash()).isNotEqualTo(reference);
        }
      }
    }
  }
}
