package io.statekv.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.storage.JsonCodec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The generators must build exactly the boundary values the transcripts claim to test. */
class TranscriptTest {

  private static JsonNode gen(String spec) {
    return Transcript.expand(JsonCodec.parse(spec.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void stringCountsUnits() {
    assertThat(gen("{\"$gen\":\"string\",\"unit\":\"é\",\"count\":128}").textValue())
        .hasSize(128)
        .matches(s -> s.getBytes(StandardCharsets.UTF_8).length == 256);
  }

  @Test
  void memberHasOneLongName() {
    JsonNode member = gen("{\"$gen\":\"member\",\"unit\":\"a\",\"count\":256,\"leaf\":1}");
    assertThat(member.size()).isEqualTo(1);
    assertThat(member.get("a".repeat(256)).intValue()).isEqualTo(1);
  }

  @Test
  void pathAndNestPathAgree() {
    JsonNode path = gen("{\"$gen\":\"path\",\"count\":32}");
    assertThat(path.size()).isEqualTo(32);
    assertThat(path.get(31).textValue()).isEqualTo("s31");
    JsonNode nested = gen("{\"$gen\":\"nest_path\",\"count\":32,\"leaf\":{\"x\":1}}");
    JsonNode node = nested;
    for (JsonNode segment : path) {
      node = node.get(segment.textValue());
    }
    assertThat(node.get("x").intValue()).isEqualTo(1);
    assertThat(JsonCodec.depth(nested)).isEqualTo(33);
  }

  @Test
  void nestHasTheStatedDepth() {
    assertThat(JsonCodec.depth(gen("{\"$gen\":\"nest\",\"depth\":16,\"leaf\":1}"))).isEqualTo(16);
    assertThat(JsonCodec.depth(gen("{\"$gen\":\"nest\",\"depth\":17,\"leaf\":1}"))).isEqualTo(17);
    assertThat(JsonCodec.depth(gen("{\"$gen\":\"nest\",\"depth\":1}"))).isEqualTo(1);
  }

  @Test
  void objectAndRepeatCount() {
    assertThat(gen("{\"$gen\":\"object\",\"count\":1025}").size()).isEqualTo(1025);
    assertThat(gen("{\"$gen\":\"repeat\",\"count\":3,\"item\":{\"a\":[1]}}").toString()).isEqualTo("[{\"a\":[1]},{\"a\":[1]},{\"a\":[1]}]");
  }
}
