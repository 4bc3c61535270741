package io.statekv.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.storage.JsonCodec;
import io.statekv.storage.MergePatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case in {@code conformance/merge-patch/*.jsonl} through {@link MergePatch#apply}: a
 * {@code target} (absent for a missing key), a {@code patch} and the expected {@code result}.
 */
class MergePatchConformanceTest {
  static final String DIR = "conformance/merge-patch";

  @TestFactory
  Stream<DynamicTest> everyTranscriptCase() {
    return Transcript.load(DIR).stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> run(c)));
  }

  @Test
  void appendixAIsComplete() {
    assertThat(Transcript.load(DIR).stream().filter(c -> c.file().startsWith("rfc7396")).count()).isEqualTo(16);
  }

  private static void run(Transcript.Case c) {
    JsonNode target = c.get("target");
    JsonNode patch = c.get("patch");
    byte[] targetBefore = target == null ? null : JsonCodec.writeCompact(target);
    byte[] patchBefore = JsonCodec.writeCompact(patch);

    JsonNode result = MergePatch.apply(target, patch);

    JsonNode expected = UpdateOpConformanceTest.canonical(c.get("result"));
    assertThat(UpdateOpConformanceTest.text(result)).isEqualTo(UpdateOpConformanceTest.text(expected));
    assertThat(result).as("node types").isEqualTo(expected);
    assertThat(target == null ? null : JsonCodec.writeCompact(target)).as("target not mutated").isEqualTo(targetBefore);
    assertThat(JsonCodec.writeCompact(patch)).as("patch not mutated").isEqualTo(patchBefore);
  }
}
