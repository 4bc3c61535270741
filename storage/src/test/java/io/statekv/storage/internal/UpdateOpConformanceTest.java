package io.statekv.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.storage.JsonCodec;
import io.statekv.storage.UpdateError;
import io.statekv.storage.UpdateOp;
import io.statekv.storage.UpdateOps;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case in {@code conformance/update-ops/*.jsonl} through {@link UpdateOps#parse} and
 * {@link UpdateOps#apply}. A case has {@code old} (absent for a missing key), {@code ops}, and
 * either {@code new} plus {@code errors} ({@code op_index}, {@code code}, and {@code message} when
 * the exact text matters), or {@code malformed} ({@code op_index}, -1 for the ops value as a whole).
 */
class UpdateOpConformanceTest {
  static final String DIR = "conformance/update-ops";

  @TestFactory
  Stream<DynamicTest> everyTranscriptCase() {
    return Transcript.load(DIR).stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> run(c)));
  }

  @Test
  void transcriptsAreLargeAndNamedUniquely() {
    List<Transcript.Case> cases = Transcript.load(DIR);
    Set<String> names = new HashSet<>();
    for (Transcript.Case c : cases) {
      assertThat(names.add(c.file() + " " + c.get("name").asText())).as("duplicate name %s", c.name()).isTrue();
    }
    assertThat(cases.size()).as("cases").isGreaterThan(200);
  }

  private static void run(Transcript.Case c) {
    JsonNode ops = required(c, "ops");
    if (c.get("malformed") != null) {
      assertMalformed(c, ops, c.get("malformed"));
      return;
    }
    JsonNode old = c.get("old");
    byte[] oldBefore = old == null ? null : JsonCodec.writeCompact(old);
    byte[] opsBefore = JsonCodec.writeCompact(ops);

    List<UpdateOp> parsed = UpdateOps.parse(ops);
    UpdateOps.Outcome outcome = UpdateOps.apply(old, parsed);

    JsonNode expected = canonical(required(c, "new"));
    assertThat(text(outcome.value())).as("new value").isEqualTo(text(expected));
    assertThat(outcome.value()).as("node types match what the parser gives the same text").isEqualTo(expected);
    assertErrors(outcome.errors(), required(c, "errors"));

    assertThat(old == null ? null : JsonCodec.writeCompact(old)).as("old is not mutated").isEqualTo(oldBefore);
    assertThat(JsonCodec.writeCompact(ops)).as("ops are not mutated").isEqualTo(opsBefore);
    assertThat(text(UpdateOps.apply(old, parsed).value())).as("deterministic").isEqualTo(text(outcome.value()));
  }

  private static void assertMalformed(Transcript.Case c, JsonNode ops, JsonNode expected) {
    assertThatThrownBy(() -> UpdateOps.parse(ops))
        .isInstanceOfSatisfying(UpdateOps.MalformedOpException.class, e -> {
          assertThat(e.opIndex()).as("op_index").isEqualTo(required(c, "malformed").get("op_index").asInt());
          if (expected.has("message")) {
            assertThat(e.getMessage()).contains(expected.get("message").asText());
          }
        });
  }

  private static void assertErrors(List<UpdateError> actual, JsonNode expected) {
    List<String> want = new ArrayList<>();
    List<String> got = new ArrayList<>();
    for (int i = 0; i < Math.max(actual.size(), expected.size()); i++) {
      JsonNode e = expected.get(i);
      UpdateError a = i < actual.size() ? actual.get(i) : null;
      want.add(e == null ? "-" : e.get("op_index").asInt() + " " + e.get("code").asText()
          + (e.has("message") ? " " + e.get("message").asText() : ""));
      got.add(a == null ? "-" : a.opIndex() + " " + a.code()
          + (e != null && e.has("message") ? " " + a.message() : ""));
    }
    assertThat(got).as("errors (op_index code [message])").isEqualTo(want);
  }

  private static JsonNode required(Transcript.Case c, String member) {
    JsonNode node = c.get(member);
    if (node == null) {
      fail(c.name() + ": the case has no '" + member + "'");
    }
    return node;
  }

  /** The tree the codec's parser gives for the node's text, so node types compare fairly. */
  static JsonNode canonical(JsonNode node) {
    return JsonCodec.parse(JsonCodec.writeCompact(node));
  }

  static String text(JsonNode node) {
    return new String(JsonCodec.writeCompact(node), StandardCharsets.UTF_8);
  }
}
