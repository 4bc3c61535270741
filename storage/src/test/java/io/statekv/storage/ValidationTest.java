package io.statekv.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ValidationTest {

  @Nested
  class Scopes {
    @Test
    void acceptsOneTo256Bytes() {
      assertThat(Validation.checkScope("a")).isNull();
      assertThat(Validation.checkScope("s".repeat(Limits.SCOPE_BYTES_MAX))).isNull();
      assertThat(Validation.checkScope("s".repeat(Limits.SCOPE_BYTES_MAX + 1)))
          .isEqualTo("scope is 257 bytes, more than 256");
    }

    @Test
    void measuresMultiByteCharactersAtTheBoundary() {
      assertThat(Validation.checkScope("é".repeat(128))).isNull();
      assertThat(Validation.checkScope("é".repeat(128) + "a")).isEqualTo("scope is 257 bytes, more than 256");
      assertThat(Validation.checkScope("€".repeat(85) + "a")).isNull();
      assertThat(Validation.checkScope("€".repeat(85) + "é")).isEqualTo("scope is 257 bytes, more than 256");
      assertThat(Validation.checkScope("😀".repeat(64))).isNull();
      assertThat(Validation.checkScope("😀".repeat(64) + "a")).isEqualTo("scope is 257 bytes, more than 256");
    }

    @Test
    void refusesEmptyControlAndLoneSurrogate() {
      assertThat(Validation.checkScope("")).isEqualTo("scope must not be empty");
      assertThat(Validation.checkScope("a\tb")).isEqualTo("scope contains control character U+0009 at index 1");
      assertThat(Validation.checkScope("a\u007F")).isEqualTo("scope contains control character U+007F at index 1");
      assertThat(Validation.checkScope("\u0085")).isEqualTo("scope contains control character U+0085 at index 0");
      assertThat(Validation.checkScope("a\uDBFF")).isEqualTo("scope is not valid UTF-16: lone surrogate at index 1");
    }

    @Test
    void clientsCannotUseReservedScopes() {
      assertThat(Validation.checkClientScope("_system"))
          .isEqualTo("scope '_system' is reserved: scopes starting with '_' belong to the system");
      assertThat(Validation.checkClientScope("_")).contains("reserved");
      assertThat(Validation.checkClientScope("a_b")).isNull();
      assertThat(Validation.checkClientScope("users")).isNull();
      assertThat(Validation.checkScope("_system")).as("the system itself may use them").isNull();
      assertThat(Validation.checkClientScope("_" + "s".repeat(Limits.SCOPE_BYTES_MAX)))
          .as("the size rule is reported before the reservation")
          .isEqualTo("scope is 257 bytes, more than 256");
    }
  }

  @Nested
  class Keys {
    @Test
    void acceptsOneTo1024Bytes() {
      assertThat(Validation.checkKey("k")).isNull();
      assertThat(Validation.checkKey("_leading_underscore_is_fine")).isNull();
      assertThat(Validation.checkKey("k".repeat(Limits.KEY_BYTES_MAX))).isNull();
      assertThat(Validation.checkKey("k".repeat(Limits.KEY_BYTES_MAX + 1))).isEqualTo("key is 1025 bytes, more than 1024");
    }

    @Test
    void measuresMultiByteCharactersAtTheBoundary() {
      assertThat(Validation.checkKey("é".repeat(512))).isNull();
      assertThat(Validation.checkKey("é".repeat(512) + "a")).isEqualTo("key is 1025 bytes, more than 1024");
      assertThat(Validation.checkKey("😀".repeat(256))).isNull();
      assertThat(Validation.checkKey("😀".repeat(255) + "€a")).isNull();
      assertThat(Validation.checkKey("😀".repeat(255) + "€é")).isEqualTo("key is 1025 bytes, more than 1024");
    }

    @Test
    void refusesEmptyControlAndLoneSurrogate() {
      assertThat(Validation.checkKey("")).isEqualTo("key must not be empty");
      assertThat(Validation.checkKey("line\nbreak")).isEqualTo("key contains control character U+000A at index 4");
      assertThat(Validation.checkKey("\u009F")).isEqualTo("key contains control character U+009F at index 0");
      assertThat(Validation.checkKey("\uDC00x")).isEqualTo("key is not valid UTF-16: lone surrogate at index 0");
    }
  }

  @Nested
  class Values {
    private JsonNode nested(int depth) {
      String text = "[".repeat(depth) + "]".repeat(depth);
      return JsonCodec.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void depthOf64IsAllowedAnd65IsNot() {
      assertThat(JsonCodec.depth(nested(64))).isEqualTo(64);
      assertThat(Validation.checkDepth(nested(64))).isNull();
      assertThat(Validation.checkDepth(nested(65))).isEqualTo("value nests 65 levels, more than 64");
      JsonNode objects = JsonCodec.parse(("{\"a\":".repeat(65) + "1" + "}".repeat(65)).getBytes(StandardCharsets.UTF_8));
      assertThat(Validation.checkDepth(objects)).isEqualTo("value nests 65 levels, more than 64");
    }

    @Test
    void depthCountsContainersNotScalars() {
      assertThat(JsonCodec.depth(JsonCodec.parse("1".getBytes(StandardCharsets.UTF_8)))).isZero();
      assertThat(JsonCodec.depth(JsonCodec.parse("{}".getBytes(StandardCharsets.UTF_8)))).isEqualTo(1);
      assertThat(JsonCodec.depth(JsonCodec.parse("[1,{\"a\":[2]}]".getBytes(StandardCharsets.UTF_8)))).isEqualTo(3);
    }

    @Test
    void sizeIsTheCompactFormAgainstTheGivenLimit() {
      Json value = Json.parse("{ \"a\" : [ 1 , 2 ] }");
      assertThat(value.size()).isEqualTo("{\"a\":[1,2]}".length());
      assertThat(Validation.checkValue(value, value.size())).isNull();
      assertThat(Validation.checkValue(value, value.size() - 1))
          .isEqualTo("value is 11 bytes, more than value_bytes_max 10");
    }

    @Test
    void checkValueAlsoChecksDepth() {
      Json deep = Json.of(nested(65));
      assertThat(Validation.checkValue(deep, Limits.VALUE_BYTES_MAX_DEFAULT)).isEqualTo("value nests 65 levels, more than 64");
    }
  }

  @Test
  void ttlIsNoneOrWithinTenYears() {
    assertThat(Validation.checkTtl(Command.NO_TTL)).isNull();
    assertThat(Validation.checkTtl(1)).isNull();
    assertThat(Validation.checkTtl(Limits.TTL_SECONDS_MAX)).isNull();
    assertThat(Validation.checkTtl(Limits.TTL_SECONDS_MAX + 1))
        .isEqualTo("ttl_seconds must be 0 (none) or within [1, 316224000]: 316224001");
    assertThat(Validation.checkTtl(-1)).contains("ttl_seconds must be 0 (none)");
    assertThat(Validation.checkTtl(Long.MIN_VALUE)).contains(String.valueOf(Long.MIN_VALUE));
    assertThat(Validation.checkTtl(Long.MAX_VALUE)).isNotNull();
  }

  @Test
  void ifRevisionIsAbsentZeroOrPositive() {
    assertThat(Validation.checkIfRevision(Command.ANY_REVISION)).isNull();
    assertThat(Validation.checkIfRevision(0)).isNull();
    assertThat(Validation.checkIfRevision(1)).isNull();
    assertThat(Validation.checkIfRevision(Long.MAX_VALUE)).isNull();
    assertThat(Validation.checkIfRevision(-2)).isEqualTo("if_revision must be absent, 0 or a positive revision: -2");
    assertThat(Validation.checkIfRevision(Long.MIN_VALUE)).isNotNull();
  }

  @Nested
  class StrictUtf8 {
    private byte[] bytes(int... values) {
      byte[] out = new byte[values.length];
      for (int i = 0; i < values.length; i++) {
        out[i] = (byte) values[i];
      }
      return out;
    }

    @Test
    void decodesWellFormedText() {
      String text = "users/é€😀";
      assertThat(Validation.decodeUtf8Strict(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
      assertThat(Validation.decodeUtf8Strict(new byte[0])).isEmpty();
    }

    @Test
    void refusesWhatALenientDecoderWouldReplace() {
      assertOffset(bytes('a', 0xFF), 1);
      assertOffset(bytes(0xC0, 0xAF), 0); // overlong '/', a classic path-traversal disguise
      assertOffset(bytes('k', 'e', 'y', 0xED, 0xA0, 0x80), 3); // an encoded lone surrogate
      assertOffset(bytes(0xF4, 0x90, 0x80, 0x80), 0); // above U+10FFFF
      assertOffset(bytes('a', 'b', 0xE2, 0x82), 2); // truncated
    }

    private void assertOffset(byte[] input, int offset) {
      assertThatThrownBy(() -> Validation.decodeUtf8Strict(input))
          .isInstanceOfSatisfying(Validation.InvalidUtf8Exception.class, e -> assertThat(e.byteOffset()).isEqualTo(offset))
          .hasMessage("malformed UTF-8 at byte offset " + offset);
    }
  }
}
