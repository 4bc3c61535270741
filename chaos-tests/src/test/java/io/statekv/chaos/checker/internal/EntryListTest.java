package io.statekv.chaos.checker.internal;

import static io.statekv.chaos.history.TestHistories.history;
import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.chaos.checker.internal.EntryList.Entry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntryListTest {
  private final EntryList list = new EntryList(history(
      "0 invoke write 1",
      "1 invoke write 2",
      "0 ok write 1",
      "2 invoke read",
      "1 info write 2",
      "2 ok read 1").operations());

  private List<String> walk() {
    List<String> seen = new ArrayList<>();
    for (Entry e = list.first(); e != null; e = e.next) {
      seen.add((e.isCall ? "call" : "return") + e.id);
      if (e.next != null) {
        assertThat(e.next.prev).as("back link of " + seen).isSameAs(e);
      }
    }
    return seen;
  }

  @Test
  void ordersEntriesInRealTimeWithIndeterminateReturnsLast() {
    assertThat(walk()).containsExactly("call0", "call1", "return0", "call2", "return2",
        "return1");
  }

  @Test
  void liftRemovesACallAndItsReturnAndUnliftRestoresThemInReverseOrder() {
    Entry first = list.first();
    Entry third = first.next.next.next;

    EntryList.lift(first);
    EntryList.lift(third);
    assertThat(walk()).containsExactly("call1", "return1");

    EntryList.unlift(third);
    assertThat(walk()).containsExactly("call1", "call2", "return2", "return1");
    EntryList.unlift(first);
    assertThat(walk()).containsExactly("call0", "call1", "return0", "call2", "return2",
        "return1");
  }
}
