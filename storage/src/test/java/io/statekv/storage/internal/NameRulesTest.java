package io.statekv.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NameRulesTest {

  private static final int MAX = 16;

  static IntStream controlCharacters() {
    return IntStream.concat(IntStream.concat(IntStream.rangeClosed(0x00, 0x1F), IntStream.of(0x7F)),
        IntStream.rangeClosed(0x80, 0x9F));
  }

  @ParameterizedTest(name = "U+{0}")
  @MethodSource("controlCharacters")
  void refusesEveryControlCharacter(int c) {
    String name = "ab" + (char) c + "cd";
    assertThat(NameRules.check("key", name, MAX))
        .isEqualTo("key contains control character U+" + String.format("%04X", c) + " at index 2");
  }

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(ints = {0x20, 0x7E, 0xA0, 0xAD, 0x2028, 0xFEFF, 0xFFFD})
  void acceptsPrintableAndFormatCharactersNextToTheControlRanges(int c) {
    assertThat(NameRules.check("key", "a" + (char) c, MAX)).isNull();
  }

  @Test
  void refusesEmptyAndNull() {
    assertThat(NameRules.check("scope", "", MAX)).isEqualTo("scope must not be empty");
    assertThat(NameRules.check("scope", null, MAX)).isEqualTo("scope must not be empty");
  }

  @Test
  void countsBytesNotChars() {
    assertThat(NameRules.check("key", "a".repeat(MAX), MAX)).isNull();
    assertThat(NameRules.check("key", "a".repeat(MAX + 1), MAX)).isEqualTo("key is 17 bytes, more than 16");
    // Eight two-byte chars fill the limit exactly; one more ASCII char passes it.
    assertThat(NameRules.check("key", "é".repeat(8), MAX)).isNull();
    assertThat(NameRules.check("key", "é".repeat(8) + "a", MAX)).isEqualTo("key is 17 bytes, more than 16");
    // Five three-byte chars are 15 bytes: one ASCII char fits, a two-byte char does not.
    assertThat(NameRules.check("key", "€".repeat(5) + "a", MAX)).isNull();
    assertThat(NameRules.check("key", "€".repeat(5) + "é", MAX)).isEqualTo("key is 17 bytes, more than 16");
    // Four emoji are 8 chars but 16 bytes.
    assertThat(NameRules.check("key", "😀".repeat(4), MAX)).isNull();
    assertThat(NameRules.check("key", "😀".repeat(4) + "a", MAX)).isEqualTo("key is 17 bytes, more than 16");
  }

  @Test
  void refusesLoneSurrogatesWhereverTheyAre() {
    assertThat(NameRules.check("key", "\uD800", MAX)).isEqualTo("key is not valid UTF-16: lone surrogate at index 0");
    assertThat(NameRules.check("key", "ab\uDC00", MAX)).isEqualTo("key is not valid UTF-16: lone surrogate at index 2");
    assertThat(NameRules.check("key", "a\uDE00\uD83D", MAX)).isEqualTo("key is not valid UTF-16: lone surrogate at index 1");
    assertThat(NameRules.check("key", "😀\uD83D", MAX)).isEqualTo("key is not valid UTF-16: lone surrogate at index 2");
    assertThat(NameRules.check("key", "a😀b", MAX)).isNull();
  }

  @Test
  void reportsTheFirstProblemInTheName() {
    assertThat(NameRules.check("key", "\u0001\uD800", MAX)).contains("control character U+0001 at index 0");
    assertThat(NameRules.check("key", "\uD800\u0001", MAX)).contains("lone surrogate at index 0");
    assertThat(NameRules.check("key", "a".repeat(40) + "\u0000", MAX)).contains("control character");
  }
}
