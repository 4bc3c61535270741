package io.statekv.node.watch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.storage.JsonCodec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonPointersTest {

  private static JsonNode json(String text) {
    return text == null ? null : JsonCodec.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean changed(String before, String after, String pointer) {
    return JsonPointers.changed(json(before), json(after), JsonPointers.compile(pointer));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/", "/email", "/a/b/0", "/a~1b", "/m~0n", "/ünï", "/-"})
  void acceptsRfc6901Syntax(String pointer) {
    assertThat(JsonPointers.check(pointer)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"email", "/a~", "/a~2", "#/a", "/a\u0001"})
  void refusesBadSyntax(String pointer) {
    assertThat(JsonPointers.check(pointer)).isNotNull();
  }

  @Test
  void refusesPointersPastTheLimits() {
    assertThat(JsonPointers.check("/a".repeat(JsonPointers.POINTER_TOKENS_MAX))).isNull();
    assertThat(JsonPointers.check("/a".repeat(JsonPointers.POINTER_TOKENS_MAX + 1))).contains("reference tokens");
    assertThat(JsonPointers.check("/" + "x".repeat(JsonPointers.POINTER_BYTES_MAX))).contains("bytes");
  }

  @Test
  void aFieldChangesOnlyWhenItsValueDiffers() {
    assertThat(changed("{\"email\":\"a\",\"n\":1}", "{\"email\":\"a\",\"n\":2}", "/email")).isFalse();
    assertThat(changed("{\"email\":\"a\"}", "{\"email\":\"b\"}", "/email")).isTrue();
    assertThat(changed("{\"p\":{\"x\":1,\"y\":2}}", "{\"p\":{\"y\":2,\"x\":1}}", "/p")).as("member order").isFalse();
    assertThat(changed("{\"n\":1}", "{\"n\":1.0}", "/n")).as("integer and float differ, as stored").isTrue();
  }

  @Test
  void presentOnOneSideOnlyIsAChange() {
    assertThat(changed("{}", "{\"email\":null}", "/email")).as("null is a value").isTrue();
    assertThat(changed("{\"email\":\"a\"}", "{}", "/email")).isTrue();
    assertThat(changed("{}", "{}", "/email")).as("missing on both sides").isFalse();
    assertThat(changed("5", "6", "/email")).as("a scalar has no members").isFalse();
  }

  @Test
  void creationsAndDeletionsCompareWithAnAbsentDocument() {
    assertThat(changed(null, "{\"email\":\"a\"}", "/email")).isTrue();
    assertThat(changed(null, "{\"name\":\"a\"}", "/email")).isFalse();
    assertThat(changed("{\"email\":\"a\"}", null, "/email")).isTrue();
    assertThat(changed("{\"name\":\"a\"}", null, "/email")).isFalse();
    assertThat(changed(null, "null", "")).as("the whole value of a creation").isTrue();
  }

  @Test
  void resolvesArrayIndexesAndEscapes() {
    assertThat(changed("{\"l\":[1,2]}", "{\"l\":[1,3]}", "/l/0")).isFalse();
    assertThat(changed("{\"l\":[1,2]}", "{\"l\":[1,3]}", "/l/1")).isTrue();
    assertThat(changed("{\"l\":[1]}", "{\"l\":[1,2]}", "/l/-")).as("'-' names no element").isFalse();
    assertThat(changed("{\"a/b\":1}", "{\"a/b\":2}", "/a~1b")).isTrue();
    assertThat(changed("{\"m~n\":1}", "{\"m~n\":2}", "/m~0n")).isTrue();
  }
}
