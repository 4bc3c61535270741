package io.statekv.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

class JsonValuesTest {

  private static JsonNode tree(String json) {
    return JsonValues.tree(ByteString.copyFromUtf8(json));
  }

  @Test
  void emptyBytesAreAnAbsentValue() {
    assertThat(JsonValues.tree(ByteString.EMPTY)).isNull();
  }

  @Test
  void valuesReadAsTheMapperReadsThem() throws Exception {
    for (String json : new String[] {"{\"sent\":1795336547647439229,\"a\":[1,2.5,\"x\",null,true]}", "\"clé ✓\"", "42",
        "[]", "{\"nested\":{\"deep\":{\"k\":\"v\"}}}"}) {
      assertThat(tree(json)).isEqualTo(JsonValues.mapper().readTree(json));
    }
  }

  @Test
  void theJsonNullLiteralIsANullNodeNotAnAbsentValue() {
    assertThat(tree("null")).isEqualTo(NullNode.getInstance());
  }

  @Test
  void bytesThatAreNotJsonAreTheNodesFault() {
    assertThatThrownBy(() -> tree("{\"a\":")).isInstanceOf(IllegalStateException.class).hasMessageContaining("not JSON");
  }
}
