package io.statekv.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonCodecTest {

  private static JsonNode parse(String text) {
    return JsonCodec.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String roundTrip(String text) {
    return new String(JsonCodec.writeCompact(parse(text)), StandardCharsets.UTF_8);
  }

  @Test
  void integersStayIntegersAndFloatsStayFloats() {
    assertThat(roundTrip("[1, 1.0, -0, -0.0, 1e2, 0.1]")).isEqualTo("[1,1.0,0,-0.0,100.0,0.1]");
    assertThat(roundTrip("[9223372036854775807, 9223372036854775808, 18446744073709551616]"))
        .isEqualTo("[9223372036854775807,9223372036854775808,18446744073709551616]");
    assertThat(roundTrip("[-9223372036854775808, -9223372036854775809]"))
        .isEqualTo("[-9223372036854775808,-9223372036854775809]");
    assertThat(parse("1").isInt()).isTrue();
    assertThat(parse("2147483648").isLong()).isTrue();
    assertThat(parse("9223372036854775808").isBigInteger()).isTrue();
    assertThat(parse("1.5").isDouble()).isTrue();
  }

  @Test
  void writesCompactDeterministically() {
    assertThat(roundTrip("{ \"b\" : 1 ,\n \"a\" : [ true , null ] }")).isEqualTo("{\"b\":1,\"a\":[true,null]}");
    assertThat(roundTrip("[1e20, 1.0E-7, 1.7976931348623157E308]")).isEqualTo("[1.0E20,1.0E-7,1.7976931348623157E308]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e400", "-1e400", "[1, 1e309]", "{\"a\": -2e308}"})
  void refusesNumbersOutOfRangeLikeSerdeJson(String text) {
    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(JsonCodec.InvalidJsonException.class)
        .hasMessageContaining("number out of range");
  }

  @Test
  void refusesEscapedLoneSurrogatesInStringsAndNames() {
    assertThatThrownBy(() -> parse("\"\\ud800\""))
        .isInstanceOf(JsonCodec.InvalidJsonException.class)
        .hasMessageContaining("unpaired surrogate");
    assertThatThrownBy(() -> parse("{\"a\": [\"ok\", \"x\\udc00\"]}")).hasMessageContaining("unpaired surrogate");
    assertThatThrownBy(() -> parse("{\"\\udbff\": 1}")).hasMessageContaining("member name holds an unpaired surrogate");
    assertThat(parse("\"\\ud83d\\ude00\"").textValue()).isEqualTo("😀");
  }

  @Test
  void refusesMalformedUtf8ThatJacksonAloneWouldAccept() {
    byte[] overlongSlash = {'"', (byte) 0xC0, (byte) 0xAF, '"'};
    byte[] encodedSurrogate = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'};
    byte[] beyondUnicode = {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'};
    for (byte[] text : new byte[][] {overlongSlash, encodedSurrogate, beyondUnicode}) {
      assertThatThrownBy(() -> JsonCodec.parse(text))
          .isInstanceOf(JsonCodec.InvalidJsonException.class)
          .hasMessage("invalid JSON: malformed UTF-8 at byte offset 1");
    }
  }

  @Test
  void refusesDuplicateKeysTrailingTokensAndEmptyInput() {
    assertThatThrownBy(() -> parse("{\"a\":1,\"a\":2}")).isInstanceOf(JsonCodec.InvalidJsonException.class);
    assertThatThrownBy(() -> parse("{} {}")).isInstanceOf(JsonCodec.InvalidJsonException.class);
    assertThatThrownBy(() -> parse("")).isInstanceOf(JsonCodec.InvalidJsonException.class);
    assertThatThrownBy(() -> parse("NaN")).isInstanceOf(JsonCodec.InvalidJsonException.class);
  }

  @Test
  void parserBoundSitsAboveTheValueDepthLimit() {
    assertThat(JsonCodec.depth(parse("[".repeat(72) + "]".repeat(72)))).isEqualTo(72);
    assertThatThrownBy(() -> parse("[".repeat(73) + "]".repeat(73))).isInstanceOf(JsonCodec.InvalidJsonException.class);
  }
}
