package io.statekv.node.watch.internal;

import static io.statekv.node.watch.internal.TestEvents.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventHistoryTest {

  private static List<Long> revisions(List<HistoryBatch> batches) {
    return batches.stream().map(HistoryBatch::revision).toList();
  }

  @Test
  void readsFromAnyHeldRevisionThroughTheAppliedOneEvenAcrossRevisionsWithoutEvents() {
    EventHistory h = new EventHistory(100, Long.MAX_VALUE);
    h.append(1, batch(1, 1));
    h.append(2, List.of());
    h.append(3, batch(3, 2));
    h.append(7, batch(7, 1));
    h.append(8, List.of());
    List<HistoryBatch> out = new ArrayList<>();
    assertThat(h.read(2, Long.MAX_VALUE, 100, out)).isEqualTo(8);
    assertThat(revisions(out)).containsExactly(3L, 7L);
    out.clear();
    assertThat(h.read(1, 5, 100, out)).as("capped at 'to'").isEqualTo(5);
    assertThat(revisions(out)).containsExactly(1L, 3L);
    out.clear();
    assertThat(h.read(9, Long.MAX_VALUE, 100, out)).as("nothing applied at 9 yet").isEqualTo(8);
    assertThat(out).isEmpty();
  }

  @Test
  void aBudgetStopsAtARevisionBoundaryButAlwaysTakesOneBatch() {
    EventHistory h = new EventHistory(100, Long.MAX_VALUE);
    h.append(10, batch(10, 3));
    h.append(12, batch(12, 3));
    h.append(15, batch(15, 1));
    List<HistoryBatch> out = new ArrayList<>();
    assertThat(h.read(1, Long.MAX_VALUE, 2, out)).as("one batch of 3 beyond the budget of 2, complete through 11")
        .isEqualTo(11);
    assertThat(revisions(out)).containsExactly(10L);
    out.clear();
    assertThat(h.read(12, Long.MAX_VALUE, 4, out)).isEqualTo(15);
    assertThat(revisions(out)).containsExactly(12L, 15L);
  }

  @Test
  void evictsTheOldestRevisionsPastTheEventBoundAndReportsThemGone() {
    EventHistory h = new EventHistory(5, Long.MAX_VALUE);
    h.append(1, batch(1, 2));
    h.append(2, batch(2, 2));
    h.append(3, batch(3, 2));
    assertThat(h.events()).isEqualTo(4);
    assertThat(h.floor()).isEqualTo(1);
    assertThat(h.resetFloor()).isZero();
    assertThat(h.read(1, Long.MAX_VALUE, 100, new ArrayList<>())).isEqualTo(-1);
    List<HistoryBatch> out = new ArrayList<>();
    assertThat(h.read(2, Long.MAX_VALUE, 100, out)).isEqualTo(3);
    assertThat(revisions(out)).containsExactly(2L, 3L);
  }

  @Test
  void keepsTheNewestRevisionEvenWhenItAloneExceedsTheBounds() {
    EventHistory h = new EventHistory(3, Long.MAX_VALUE);
    h.append(4, batch(4, 1));
    h.append(5, batch(5, 10));
    assertThat(h.floor()).isEqualTo(4);
    List<HistoryBatch> out = new ArrayList<>();
    assertThat(h.read(5, Long.MAX_VALUE, 1, out)).isEqualTo(5);
    assertThat(out.get(0).size()).isEqualTo(10);
  }

  @Test
  void evictsByBytesToo() {
    long eventBytes = new HistoryBatch(1, batch(1, 1)).bytes();
    assertThat(eventBytes).isGreaterThan(HistoryBatch.EVENT_OVERHEAD_BYTES);
    EventHistory h = new EventHistory(1_000, 3 * eventBytes);
    for (int r = 1; r <= 10; r++) {
      h.append(r, batch(r, 1));
    }
    assertThat(h.events()).isEqualTo(3);
    assertThat(h.floor()).isEqualTo(7);
  }

  @Test
  void aResetForgetsEverythingAndMarksTheRevisionsBelowAsNeverProducedHere() {
    EventHistory h = new EventHistory(100, Long.MAX_VALUE);
    h.append(1, batch(1, 1));
    h.reset(50);
    assertThat(h.floor()).isEqualTo(50);
    assertThat(h.resetFloor()).isEqualTo(50);
    assertThat(h.applied()).isEqualTo(50);
    assertThat(h.events()).isZero();
    h.append(51, batch(51, 1));
    List<HistoryBatch> out = new ArrayList<>();
    assertThat(h.read(51, Long.MAX_VALUE, 10, out)).isEqualTo(51);
    assertThat(h.read(50, Long.MAX_VALUE, 10, out)).isEqualTo(-1);
  }

  @Test
  void refusesARevisionThatDoesNotMoveForward() {
    EventHistory h = new EventHistory(100, Long.MAX_VALUE);
    h.append(5, batch(5, 1));
    assertThatThrownBy(() -> h.append(5, List.of())).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> h.append(4, List.of())).isInstanceOf(IllegalStateException.class);
  }

  /** Against a plain list model: every read from a held revision returns exactly the model's batches. */
  @Test
  void matchesASimpleModelUnderRandomAppendsAndReads() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    int eventsMax = 1 + random.nextInt(50);
    EventHistory h = new EventHistory(eventsMax, Long.MAX_VALUE);
    List<long[]> model = new ArrayList<>();  // {revision, events}
    long revision = 0;
    for (int step = 0; step < 2_000; step++) {
      revision += 1 + random.nextInt(3);
      int n = random.nextInt(4);
      h.append(revision, batch(revision, n));
      if (n > 0) {
        model.add(new long[] {revision, n});
      }
      long from = 1 + random.nextInt((int) revision + 1);
      List<HistoryBatch> out = new ArrayList<>();
      long through = h.read(from, Long.MAX_VALUE, Integer.MAX_VALUE, out);
      if (from <= h.floor()) {
        assertThat(through).as("seed %d", seed).isEqualTo(-1);
        continue;
      }
      long f = from;
      List<Long> expected = model.stream().filter(b -> b[0] >= f).map(b -> b[0]).toList();
      assertThat(revisions(out)).as("seed %d from %d", seed, from).isEqualTo(expected);
      assertThat(through).isEqualTo(Math.max(revision, from - 1));
      long newest = model.isEmpty() ? 0 : model.get(model.size() - 1)[1];
      assertThat(h.events()).as("seed %d", seed).isLessThanOrEqualTo(Math.max(eventsMax, newest));
    }
  }
}
