package io.statekv.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  @Test
  void acceptsEveryWellFormedLength() {
    assertThat(Utf8.firstInvalidByte(new byte[0])).isEqualTo(-1);
    assertThat(Utf8.firstInvalidByte("a é € 😀 \u0000 \uFFFF".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    // The extremes of each length class: U+0080, U+07FF, U+0800, U+FFFF, U+10000, U+10FFFF.
    assertThat(Utf8.firstInvalidByte(bytes(0xC2, 0x80, 0xDF, 0xBF))).isEqualTo(-1);
    assertThat(Utf8.firstInvalidByte(bytes(0xE0, 0xA0, 0x80, 0xEF, 0xBF, 0xBF))).isEqualTo(-1);
    assertThat(Utf8.firstInvalidByte(bytes(0xF0, 0x90, 0x80, 0x80, 0xF4, 0x8F, 0xBF, 0xBF))).isEqualTo(-1);
    // U+D7FF and U+E000 sit just outside the surrogate block.
    assertThat(Utf8.firstInvalidByte(bytes(0xED, 0x9F, 0xBF, 0xEE, 0x80, 0x80))).isEqualTo(-1);
  }

  @Test
  void refusesMalformedSequencesAtTheirOffset() {
    assertThat(Utf8.firstInvalidByte(bytes(0xFF))).isEqualTo(0);
    assertThat(Utf8.firstInvalidByte(bytes('a', 'b', 0x80))).as("stray continuation").isEqualTo(2);
    assertThat(Utf8.firstInvalidByte(bytes(0xC0, 0xAF))).as("overlong '/'").isEqualTo(0);
    assertThat(Utf8.firstInvalidByte(bytes(0xC1, 0xBF))).as("overlong U+007F").isEqualTo(0);
    assertThat(Utf8.firstInvalidByte(bytes(0xE0, 0x9F, 0xBF))).as("overlong U+07FF").isEqualTo(0);
    assertThat(Utf8.firstInvalidByte(bytes(0xF0, 0x8F, 0xBF, 0xBF))).as("overlong U+FFFF").isEqualTo(0);
    assertThat(Utf8.firstInvalidByte(bytes('x', 0xED, 0xA0, 0x80))).as("encoded U+D800").isEqualTo(1);
    assertThat(Utf8.firstInvalidByte(bytes(0xED, 0xBF, 0xBF))).as("encoded U+DFFF").isEqualTo(0);
    assertThat(Utf8.firstInvalidByte(bytes(0xF4, 0x90, 0x80, 0x80))).as("U+110000").isEqualTo(0);
    assertThat(Utf8.firstInvalidByte(bytes(0xF5, 0x80, 0x80, 0x80))).isEqualTo(0);
    assertThat(Utf8.firstInvalidByte(bytes('a', 0xE2, 0x82))).as("truncated at the end").isEqualTo(1);
    assertThat(Utf8.firstInvalidByte(bytes(0xE2, 0x82, 'a'))).as("truncated by ASCII").isEqualTo(0);
    assertThat(Utf8.firstInvalidByte(bytes(0xC3))).isEqualTo(0);
  }

  @Test
  void agreesWithTheJdkStrictDecoderOnRandomBytes() {
    Seeds.run(20_000, random -> {
      byte[] candidate = randomMostlyUtf8(random);
      assertThat(Utf8.firstInvalidByte(candidate) < 0)
          .as("valid? %s", java.util.HexFormat.of().formatHex(candidate))
          .isEqualTo(jdkAccepts(candidate));
    });
  }

  /** Random text spliced with random bytes, so that both valid and invalid inputs are common. */
  private static byte[] randomMostlyUtf8(Random random) {
    StringBuilder text = new StringBuilder();
    int chars = random.nextInt(6);
    for (int i = 0; i < chars; i++) {
      text.appendCodePoint(random.nextBoolean() ? random.nextInt(0x800) : 0x10000 + random.nextInt(0x100000));
    }
    byte[] base = text.toString().getBytes(StandardCharsets.UTF_8);
    if (random.nextBoolean()) {
      return base;
    }
    byte[] out = java.util.Arrays.copyOf(base, base.length + 1 + random.nextInt(3));
    for (int i = base.length; i < out.length; i++) {
      out[i] = (byte) (0x80 + random.nextInt(0x80));
    }
    if (random.nextBoolean() && out.length > 0) {
      out[random.nextInt(out.length)] = (byte) random.nextInt(256);
    }
    return out;
  }

  private static boolean jdkAccepts(byte[] candidate) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(candidate));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  @Test
  void findsLoneSurrogates() {
    assertThat(Utf8.firstLoneSurrogate("plain")).isEqualTo(-1);
    assertThat(Utf8.firstLoneSurrogate("a😀b")).isEqualTo(-1);
    assertThat(Utf8.firstLoneSurrogate("\uD800")).isEqualTo(0);
    assertThat(Utf8.firstLoneSurrogate("ab\uDC00")).isEqualTo(2);
    assertThat(Utf8.firstLoneSurrogate("x\uDE00\uD83D")).as("a pair in the wrong order").isEqualTo(1);
    assertThat(Utf8.firstLoneSurrogate("😀\uD83D")).as("a high surrogate at the end").isEqualTo(2);
    assertThat(Utf8.firstLoneSurrogate("\uD83D\uD83D\uDE00")).isEqualTo(0);
  }

  @Test
  void encodedLengthCountsUtf8Bytes() {
    for (String s : new String[] {"", "a", "é", "€", "😀", "aé€😀", "\u007F\u0080\u07FF\u0800\uFFFF"}) {
      assertThat(Utf8.encodedLength(s)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
    }
    assertThat(Utf8.encodedLength("\uD800")).as("a lone surrogate counts its generalized length").isEqualTo(3);
  }

  @Test
  void encodedLengthMatchesTheJdkOnRandomText() {
    Seeds.run(5_000, random -> {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(12); i > 0; i--) {
        int cp = random.nextInt(0x110000);
        if (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) {
          text.appendCodePoint(cp);
        }
      }
      String s = text.toString();
      assertThat(Utf8.encodedLength(s)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
    });
  }
}
