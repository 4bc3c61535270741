package io.statekv.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ScopeKeysTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> walk(ScopeKeys.Cursor c) {
    List<String> out = new ArrayList<>();
    for (byte[] k = c.next(); k != null; k = c.next()) {
      out.add(new String(k, StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void behavesLikeASortedSetUnderRandomAddsAndRemoves() {
    SplittableRandom rnd = new SplittableRandom(5);
    ScopeKeys keys = new ScopeKeys();
    NavigableSet<String> model = new TreeSet<>(NameOrder.STRINGS);
    for (int step = 0; step < 50_000; step++) {
      String k = "k" + rnd.nextInt(3_000);
      if (rnd.nextInt(3) == 0) {
        assertThat(keys.remove(b(k))).isEqualTo(model.remove(k));
      } else {
        assertThat(keys.add(b(k))).isEqualTo(model.add(k));
      }
      assertThat(keys.size()).isEqualTo(model.size());
      if (step % 5_000 == 0) {
        assertThat(walk(keys.first())).containsExactlyElementsOf(model);
        String from = "k" + rnd.nextInt(3_000);
        assertThat(walk(keys.from(b(from), true))).containsExactlyElementsOf(model.tailSet(from, true));
        assertThat(walk(keys.from(b(from), false))).containsExactlyElementsOf(model.tailSet(from, false));
      }
    }
    assertThat(walk(keys.first())).containsExactlyElementsOf(model);
  }

  @Test
  void inOrderInsertsFillPagesAndEverythingIsFound() {
    ScopeKeys keys = new ScopeKeys();
    for (int i = 0; i < 10_000; i++) {
      assertThat(keys.add(b(String.format("%06d", i)))).isTrue();
    }
    for (int i = 0; i < 10_000; i++) {
      assertThat(keys.contains(b(String.format("%06d", i)))).isTrue();
    }
    assertThat(keys.contains(b("x"))).isFalse();
    assertThat(walk(keys.from(b("009998"), true))).containsExactly("009998", "009999");
  }

  @Test
  void longKeysSplitPagesByBytes() {
    SplittableRandom rnd = new SplittableRandom(8);
    ScopeKeys keys = new ScopeKeys();
    NavigableSet<String> model = new TreeSet<>(NameOrder.STRINGS);
    for (int i = 0; i < 2_000; i++) {
      String k = Integer.toString(rnd.nextInt(100_000), 36).repeat(1 + rnd.nextInt(200));
      k = k.substring(0, Math.min(k.length(), 1024));
      assertThat(keys.add(b(k))).isEqualTo(model.add(k));
      if (rnd.nextInt(4) == 0) {
        String gone = model.pollFirst();
        assertThat(keys.remove(b(gone))).isTrue();
      }
    }
    assertThat(walk(keys.first())).containsExactlyElementsOf(model);
  }

  @Test
  void anEmptyIndexWalksNothing() {
    ScopeKeys keys = new ScopeKeys();
    assertThat(walk(keys.first())).isEmpty();
    assertThat(walk(keys.from(b("a"), true))).isEmpty();
    assertThat(keys.remove(b("a"))).isFalse();
    keys.add(b("a"));
    keys.remove(b("a"));
    assertThat(walk(keys.first())).isEmpty();
    assertThat(keys.size()).isZero();
  }
}
