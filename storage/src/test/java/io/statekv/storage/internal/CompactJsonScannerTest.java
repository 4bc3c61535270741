package io.statekv.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statekv.storage.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompactJsonScannerTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0", "-0", "12", "-3.25", "1e5", "1E+5", "2.5e-3", "true", "false", "null", "\"\"", "\"a\\\"b\\\\c\\/\"",
        "\"\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\"", "[]", "{}", "[1,[2,[3]],{\"a\":{}}]", "{\"a\":1,\"b\":[true,null]}",
        "\"\u00e9t\u00e9 \uD83D\uDE00 \u4e2d\""
      })
  void acceptsCompactDocuments(String doc) {
    assertThat(CompactJsonScanner.check(utf8(doc), 64)).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", " 1", "1 ", "[1, 2]", "{\"a\": 1}", "[1,]", "{\"a\":1,}", "[,1]", "01", "-", "1.", ".5", "1e", "1e+",
        "+1", "tru", "nul", "True", "\"abc", "\"a\nb\"", "\"\\x\"", "\"\\u12G4\"", "{1:2}", "{\"a\"}", "{\"a\":}",
        "[1", "{\"a\":1", "1 2", "[]]", "NaN", "Infinity", "'a'"
      })
  void refusesWhatIsNotOneCompactDocument(String doc) {
    assertThat(CompactJsonScanner.check(utf8(doc), 64)).isNotNull();
  }

  @Test
  void refusesInvalidUtf8() {
    byte[][] bad = {
      {'"', (byte) 0xC0, (byte) 0xAF, '"'},
      {'"', (byte) 0xE0, (byte) 0x80, (byte) 0xAF, '"'},
      {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'},
      {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'},
      {'"', (byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80, '"'},
      {'"', (byte) 0xC3, '"'},
      {'"', (byte) 0x80, '"'},
    };
    for (byte[] b : bad) {
      assertThat(CompactJsonScanner.check(b, 64)).as(java.util.Arrays.toString(b)).isNotNull();
    }
  }

  @Test
  void depthCountsContainersAndStopsAtTheLimit() {
    assertThat(CompactJsonScanner.depth(utf8("1"), 64)).isZero();
    assertThat(CompactJsonScanner.depth(utf8("[{\"a\":[1]},[]]"), 64)).isEqualTo(3);
    String deep = "[".repeat(64) + "]".repeat(64);
    assertThat(CompactJsonScanner.depth(utf8(deep), 64)).isEqualTo(64);
    assertThat(CompactJsonScanner.check(utf8("[" + deep + "]"), 64)).contains("nests more than 64");
    assertThat(CompactJsonScanner.depth(utf8(deep), 63)).isEqualTo(-1);
  }

  @Test
  void agreesWithTheCanonicalCodecOnRandomTrees() {
    SplittableRandom rnd = new SplittableRandom(99);
    for (int i = 0; i < 2_000; i++) {
      JsonNode tree = randomTree(rnd, 0);
      byte[] bytes = JsonCodec.writeCompact(tree);
      assertThat(CompactJsonScanner.depth(bytes, 64)).as(new String(bytes, StandardCharsets.UTF_8))
          .isEqualTo(JsonCodec.depth(tree));
      int cut = rnd.nextInt(bytes.length);
      boolean prefixParses = parses(java.util.Arrays.copyOf(bytes, cut));
      assertThat(CompactJsonScanner.check(java.util.Arrays.copyOf(bytes, cut), 64) == null).isEqualTo(prefixParses);
    }
  }

  private static boolean parses(byte[] b) {
    try {
      JsonCodec.parse(b);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static JsonNode randomTree(SplittableRandom rnd, int depth) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    switch (depth > 5 ? rnd.nextInt(5) : rnd.nextInt(7)) {
      case 0:
        return f.numberNode(rnd.nextLong());
      case 1:
        return f.numberNode(rnd.nextDouble() * 1e6);
      case 2:
        return f.textNode(randomText(rnd));
      case 3:
        return f.booleanNode(rnd.nextBoolean());
      case 4:
        return f.nullNode();
      case 5:
        ArrayNode a = f.arrayNode();
        for (int i = rnd.nextInt(4); i > 0; i--) {
          a.add(randomTree(rnd, depth + 1));
        }
        return a;
      default:
        ObjectNode o = f.objectNode();
        for (int i = rnd.nextInt(4); i > 0; i--) {
          o.set(randomText(rnd) + i, randomTree(rnd, depth + 1));
        }
        return o;
    }
  }

  private static String randomText(SplittableRandom rnd) {
    String[] parts = {"a", "\"", "\\", "\n", "\u00e9", "\uD83D\uDE00", "\u0001", "/", " ", "\u4e2d"};
    StringBuilder sb = new StringBuilder();
    for (int i = rnd.nextInt(5); i > 0; i--) {
      sb.append(parts[rnd.nextInt(parts.length)]);
    }
    return sb.toString();
  }
}
