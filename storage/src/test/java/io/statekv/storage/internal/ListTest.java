package io.statekv.storage.internal;

import static io.statekv.storage.internal.StoreHarness.START_MILLIS;
import static io.statekv.storage.internal.StoreHarness.delete;
import static io.statekv.storage.internal.StoreHarness.set;
import static io.statekv.storage.internal.StoreHarness.setTtl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statekv.storage.Entry;
import io.statekv.storage.ListPage;
import io.statekv.storage.ListQuery;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ListTest {
  private final StoreHarness h = new StoreHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private ListPage list(String scope, String prefix, String after, int limit, boolean keysOnly) {
    return h.store.list(new ListQuery(scope, prefix, after, limit, keysOnly), h.stamp);
  }

  private static List<String> keys(ListPage p) {
    return p.entries().stream().map(Entry::key).toList();
  }

  @Test
  void entriesComeInKeyOrderWithTheirValuesAndMetadata() {
    h.entry(set("s", "b", "2"), set("s", "a", "1"), set("s", "c", "3"), set("t", "a", "9"));
    ListPage page = list("s", "", "", 10, false);

    assertThat(keys(page)).containsExactly("a", "b", "c");
    assertThat(page.entries().get(0)).isEqualTo(h.get("s", "a"));
    assertThat(page.nextAfter()).isNull();
  }

  @Test
  void keysSortInCodePointOrderNotUtf16Order() {
    String bmpHigh = "\uE000";
    String astral = "\uD83D\uDE00";
    h.entry(set("s", astral, "1"), set("s", bmpHigh, "2"), set("s", "z", "3"));

    assertThat(keys(list("s", "", "", 10, false))).containsExactly("z", bmpHigh, astral);
  }

  @Test
  void prefixSelectsAContiguousRun() {
    h.entry(
        set("s", "user/1", "1"), set("s", "user/10", "1"), set("s", "user/2", "1"),
        set("s", "users", "1"), set("s", "user", "1"), set("s", "use", "1"));

    assertThat(keys(list("s", "user/", "", 10, false))).containsExactly("user/1", "user/10", "user/2");
    assertThat(keys(list("s", "user", "", 10, false)))
        .containsExactly("user", "user/1", "user/10", "user/2", "users");
    assertThat(keys(list("s", "x", "", 10, false))).isEmpty();
  }

  @Test
  void afterIsExclusiveAndCombinesWithThePrefix() {
    h.entry(set("s", "a1", "1"), set("s", "a2", "1"), set("s", "a3", "1"), set("s", "b1", "1"));

    assertThat(keys(list("s", "", "a2", 10, false))).containsExactly("a3", "b1");
    assertThat(keys(list("s", "a", "a2", 10, false))).containsExactly("a3");
    assertThat(keys(list("s", "b", "a2", 10, false))).containsExactly("b1");
    assertThat(keys(list("s", "a", "a9", 10, false))).isEmpty();
    assertThat(keys(list("s", "", "a25", 10, false))).containsExactly("a3", "b1");
  }

  @Test
  void aFullPageCarriesACursorAndTheLastPageDoesNot() {
    h.entry(set("s", "a", "1"), set("s", "b", "1"), set("s", "c", "1"), set("s", "d", "1"));

    ListPage first = list("s", "", "", 2, false);
    assertThat(keys(first)).containsExactly("a", "b");
    assertThat(first.nextAfter()).isEqualTo("b");
    ListPage second = list("s", "", first.nextAfter(), 2, false);
    assertThat(keys(second)).containsExactly("c", "d");
    assertThat(second.nextAfter()).isNull();
  }

  @Test
  void aFullPageFollowedOnlyByExpiredEntriesIsTheLast() {
    h.entry(set("s", "a", "1"), set("s", "b", "1"), setTtl("s", "c", "1", 1));
    h.later(1_000);

    ListPage page = list("s", "", "", 2, false);
    assertThat(keys(page)).containsExactly("a", "b");
    assertThat(page.nextAfter()).isNull();
  }

  @Test
  void pagingVisitsEveryKeyOnceInOrderAcrossPageSplitsAndDeletes() {
    List<String> expected = new ArrayList<>();
    for (int i = 999; i >= 0; i--) {
      h.apply(set("s", String.format("k%04d", i), Integer.toString(i)));
    }
    for (int i = 0; i < 1000; i++) {
      if (i % 3 == 0) {
        h.apply(delete("s", String.format("k%04d", i)));
      } else {
        expected.add(String.format("k%04d", i));
      }
    }
    List<String> seen = new ArrayList<>();
    String after = "";
    do {
      ListPage p = list("s", "k", after, 7, true);
      seen.addAll(keys(p));
      after = p.nextAfter();
    } while (after != null);

    assertThat(seen).isEqualTo(expected);
  }

  @Test
  void keysOnlyLeavesOutValuesButKeepsMetadata() {
    h.apply(setTtl("s", "a", "{\"big\":true}", 60));
    Entry e = list("s", "", "", 10, true).entries().get(0);

    assertThat(e.value()).isNull();
    assertThat(e.key()).isEqualTo("a");
    assertThat(e.revision()).isEqualTo(1);
    assertThat(e.expiresAt()).isEqualTo(START_MILLIS + 60_000);
  }

  @Test
  void expiredEntriesAreSkipped() {
    h.entry(setTtl("s", "a", "1", 1), set("s", "b", "1"), setTtl("s", "c", "1", 100));
    h.later(1_000);

    assertThat(keys(list("s", "", "", 10, false))).containsExactly("b", "c");
  }

  @Test
  void anUnknownScopeListsNothing() {
    assertThat(list("nobody", "", "", 10, false).entries()).isEmpty();
  }

  @Test
  void theLimitIsChecked() {
    assertThatThrownBy(() -> list("s", "", "", 0, false)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> list("s", "", "", 10_001, false)).isInstanceOf(IllegalArgumentException.class);
    assertThat(list("s", "", "", 10_000, false).entries()).isEmpty();
  }

  @Test
  void listGroupsIsSortedAndForgetsEmptiedScopes() {
    h.entry(set("b", "k", "1"), set("a", "k", "1"), set("_sys", "k", "1"), set("c", "k", "1"));
    h.apply(delete("c", "k"));

    assertThat(h.store.listGroups(h.stamp)).containsExactly("_sys", "a", "b");
  }
}
