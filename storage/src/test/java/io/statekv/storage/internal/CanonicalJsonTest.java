package io.statekv.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statekv.storage.Json;
import io.statekv.storage.JsonCodec;
import io.statekv.storage.Limits;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link JsonCodec#canonical} takes text that is already canonical as it is and parses the rest:
 * it must give exactly the bytes, and the refusals, of parsing and writing back, since replicas
 * store what it returns.
 */
class CanonicalJsonTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0", "-7", "123456789012345678", "true", "null", "\"\"", "\"a/b é 中 \u007f\"", "[]", "{}",
        "{\"a\":1,\"b\":[true,null,{\"a\":2}]}", "{\"a\":{\"a\":{\"a\":1}}}", "{\"ab\":1,\"a\":2,\"b\":3}"
      })
  void canonicalTextIsTakenWithoutParsing(String doc) {
    byte[] bytes = utf8(doc);
    assertThat(CompactJsonScanner.isPlainCanonical(bytes, Limits.VALUE_DEPTH_MAX)).isTrue();
    assertThat(JsonCodec.canonical(bytes).bytes()).isSameAs(bytes);
    assertThat(JsonCodec.writeCompact(JsonCodec.parse(bytes))).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "-0", "1.5", "1e3", "1234567890123456789", "\"a\\nb\"", "\"\\u0041\"", "\"\\/\"", "{\"a\":1,\"a\":2}",
        "[{\"x\":1,\"y\":2,\"x\":3}]", "[1, 2]", " 1", "{\"a\" :1}", "\"😀\"", "{\"😀\":1}"
      })
  void otherTextIsNotPlain(String doc) {
    assertThat(CompactJsonScanner.isPlainCanonical(utf8(doc), Limits.VALUE_DEPTH_MAX)).isFalse();
  }

  @Test
  void objectsWithManyMembersAreLeftToTheParser() {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i <= CompactJsonScanner.PLAIN_MEMBERS_MAX; i++) {
      b.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":").append(i);
    }
    byte[] many = utf8(b.append('}').toString());
    assertThat(CompactJsonScanner.isPlainCanonical(many, Limits.VALUE_DEPTH_MAX)).isFalse();
    assertThat(JsonCodec.canonical(many).bytes()).isEqualTo(many);
  }

  @Test
  void tooDeepTextIsLeftToTheParser() {
    String deep = "[".repeat(Limits.VALUE_DEPTH_MAX + 1) + "]".repeat(Limits.VALUE_DEPTH_MAX + 1);
    assertThat(CompactJsonScanner.isPlainCanonical(utf8(deep), Limits.VALUE_DEPTH_MAX)).isFalse();
    assertThat(JsonCodec.canonical(utf8(deep)).bytes()).isEqualTo(utf8(deep));
  }

  @Test
  void duplicateNamesAreRefusedAsTheParserRefusesThem() {
    assertThatThrownBy(() -> JsonCodec.canonical(utf8("{\"a\":1,\"b\":2,\"a\":3}")))
        .isInstanceOf(JsonCodec.InvalidJsonException.class);
  }

  @Test
  void agreesWithParseAndWriteOnRandomText() {
    int[] plain = new int[1];
    Seeds.run(20_000, rnd -> {
      String text = new TextGenerator(rnd).value(0);
      byte[] bytes = utf8(text);
      Object expected = parseAndWrite(bytes);
      Object actual;
      try {
        Json json = JsonCodec.canonical(bytes);
        actual = new String(json.bytes(), StandardCharsets.UTF_8);
        plain[0] += json.bytes() == bytes ? 1 : 0;
      } catch (JsonCodec.InvalidJsonException e) {
        actual = JsonCodec.InvalidJsonException.class;
      }
      assertThat(actual).as(text).isEqualTo(expected);
    });
    // Both paths are exercised: a fair share of the texts are plain, and many are not.
    assertThat(plain[0]).isBetween(2_000, 18_000);
  }

  private static Object parseAndWrite(byte[] bytes) {
    try {
      return new String(JsonCodec.writeCompact(JsonCodec.parse(bytes)), StandardCharsets.UTF_8);
    } catch (JsonCodec.InvalidJsonException e) {
      return JsonCodec.InvalidJsonException.class;
    }
  }

  /** Random JSON text in many surface forms: escapes, number spellings, repeated names, spaces. */
  private static final class TextGenerator {
    private static final List<String> NAMES = List.of("a", "b", "ab", "é", "😀", "");
    private static final List<String> NUMBERS = List.of(
        "0", "-0", "7", "-12", "9223372036854775807", "123456789012345678", "1234567890123456789",
        "99999999999999999999999", "1.5", "-0.0", "1e3", "2E-2", "1.0", "1e400", "00", "1.");
    private static final List<String> STRING_PIECES = List.of(
        "a", "Z", " ", "/", "\\/", "\\\"", "\\\\", "\\n", "\\t", "\\u0001", "\\u0041", "\\u00e9", "é", "中",
        "😀", "\\ud83d\\ude00", "\\ud800", "\u007f", "\\x");
    private final Random rnd;

    TextGenerator(Random rnd) {
      this.rnd = rnd;
    }

    String value(int depth) {
      int kind = rnd.nextInt(depth > 3 ? 4 : 6);
      return switch (kind) {
        case 0 -> NUMBERS.get(rnd.nextInt(NUMBERS.size()));
        case 1 -> string();
        case 2 -> List.of("true", "false", "null").get(rnd.nextInt(3));
        case 3 -> rnd.nextInt(4) == 0 ? string() : NUMBERS.get(rnd.nextInt(6));
        case 4 -> array(depth);
        default -> object(depth);
      };
    }

    private String string() {
      StringBuilder b = new StringBuilder("\"");
      int n = rnd.nextInt(4);
      for (int i = 0; i < n; i++) {
        // Mostly plain pieces, so that a good share of whole documents stays plain.
        b.append(rnd.nextInt(3) > 0 ? "a" : STRING_PIECES.get(rnd.nextInt(STRING_PIECES.size())));
      }
      return b.append('"').toString();
    }

    private String array(int depth) {
      StringBuilder b = new StringBuilder("[");
      int n = rnd.nextInt(4);
      for (int i = 0; i < n; i++) {
        b.append(i == 0 ? "" : separator()).append(value(depth + 1));
      }
      return b.append(']').toString();
    }

    private String object(int depth) {
      StringBuilder b = new StringBuilder("{");
      int n = rnd.nextInt(4);
      for (int i = 0; i < n; i++) {
        String name = "\"" + NAMES.get(rnd.nextInt(NAMES.size())) + "\"";
        b.append(i == 0 ? "" : separator()).append(name).append(':').append(value(depth + 1));
      }
      return b.append('}').toString();
    }

    private String separator() {
      return rnd.nextInt(40) == 0 ? ", " : ",";
    }
  }
}
