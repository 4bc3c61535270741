package io.statekv.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.client.Entry;
import io.statekv.client.ListOptions;
import io.statekv.client.ListPage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListStreamTest {

  private static Entry entry(String key) {
    return new Entry("s", key, null, 1, 1, 1, 0, 0, 0);
  }

  @Test
  void pagesFollowTheCursorAndNeverGoBackInRevision() {
    List<ListOptions> asked = new ArrayList<>();
    List<ListPage> pages = List.of(
        new ListPage(List.of(entry("a"), entry("b")), "b", true, 10),
        new ListPage(List.of(), "b", true, 8),
        new ListPage(List.of(entry("c")), "", false, 12));
    List<String> keys = ListStream.of(options -> {
      asked.add(options);
      return pages.get(asked.size() - 1);
    }, ListOptions.DEFAULT.withLimit(2)).map(Entry::key).toList();

    assertThat(keys).containsExactly("a", "b", "c");
    assertThat(asked).extracting(ListOptions::after).containsExactly("", "b", "b");
    assertThat(asked).extracting(o -> o.read().minRevision()).containsExactly(0L, 10L, 10L);
    assertThat(asked).allSatisfy(o -> assertThat(o.limit()).isEqualTo(2));
  }

  @Test
  void nothingIsFetchedUntilTheStreamIsConsumed() {
    List<ListOptions> asked = new ArrayList<>();
    var stream = ListStream.of(options -> {
      asked.add(options);
      return new ListPage(List.of(entry("a")), "a", true, 1);
    }, ListOptions.DEFAULT);
    assertThat(asked).isEmpty();
    assertThat(stream.limit(3).count()).isEqualTo(3);
    assertThat(asked).hasSize(3);
  }
}
