package io.statekv.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NameOrderTest {
  @Test
  void stringOrderIsUtf8ByteOrder() {
    SplittableRandom rnd = new SplittableRandom(11);
    int[] codePoints = {'a', 'z', 0x7F, 0xE9, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF};
    for (int i = 0; i < 20_000; i++) {
      String a = random(rnd, codePoints);
      String b = random(rnd, codePoints);
      int bytes = Integer.signum(NameOrder.UTF8.compare(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
      assertThat(Integer.signum(NameOrder.compare(a, b))).as("%s vs %s", a, b).isEqualTo(bytes);
    }
  }

  @Test
  void astralCharactersSortAfterTheEndOfTheBmp() {
    assertThat(NameOrder.compare("\uFFFF", "\uD83D\uDE00")).isNegative();
    assertThat("\uFFFF".compareTo("\uD83D\uDE00")).isPositive();
  }

  private static String random(SplittableRandom rnd, int[] codePoints) {
    StringBuilder sb = new StringBuilder();
    for (int n = rnd.nextInt(4); n >= 0; n--) {
      sb.appendCodePoint(codePoints[rnd.nextInt(codePoints.length)]);
    }
    return sb.toString();
  }
}
