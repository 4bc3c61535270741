package io.statekv.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statekv.storage.JsonCodec;
import io.statekv.storage.MergePatch;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Laws of RFC 7396 over random documents. Each test prints its seed on failure; replay it with
 * {@code -Dstatekv.test.seed=<seed>}.
 */
class MergePatchPropertiesTest {
  private static final int TRIALS = 3_000;

  private static String text(JsonNode node) {
    return UpdateOpConformanceTest.text(node);
  }

  private static JsonNode document(Random random) {
    RandomJson json = new RandomJson(random);
    return random.nextInt(5) == 0 ? json.value(3) : json.object(3, true);
  }

  @Test
  void neverMutatesInputsAndSharesNoContainerWithThem() {
    Seeds.run(TRIALS, random -> {
      JsonNode target = random.nextInt(5) == 0 ? null : document(random);
      JsonNode patch = document(random);
      String targetBefore = target == null ? null : text(target);
      String patchBefore = text(patch);
      JsonNode result = MergePatch.apply(target, patch);
      assertThat(text(MergePatch.apply(target, patch))).as("deterministic").isEqualTo(text(result));
      UpdateOpPropertiesTest.scribble(result);
      assertThat(target == null ? null : text(target)).isEqualTo(targetBefore);
      assertThat(text(patch)).isEqualTo(patchBefore);
    });
  }

  @Test
  void patchingTwiceEqualsPatchingOnce() {
    Seeds.run(TRIALS, random -> {
      JsonNode target = document(random);
      JsonNode patch = document(random);
      JsonNode once = MergePatch.apply(target, patch);
      assertThat(text(MergePatch.apply(once, patch))).isEqualTo(text(once));
    });
  }

  @Test
  void aDiffPatchTurnsTheSourceIntoTheGoalAndIsIdempotent() {
    Seeds.run(TRIALS, random -> {
      RandomJson json = new RandomJson(random);
      JsonNode source = document(random);
      // A merge patch cannot set a member to null, so the goal has no null members.
      JsonNode goal = random.nextInt(5) == 0 ? json.value(3, false) : json.object(3, false);
      JsonNode patch = diff(source, goal);
      JsonNode patched = MergePatch.apply(source, patch);
      assertThat(patched).isEqualTo(goal);
      assertThat(MergePatch.apply(patched, patch)).isEqualTo(goal);
      assertThat(MergePatch.apply(goal, patch)).isEqualTo(goal);
    });
  }

  @Test
  void anEmptyPatchKeepsAnObjectAndANonObjectPatchReplacesAnything() {
    Seeds.run(TRIALS, random -> {
      RandomJson json = new RandomJson(random);
      ObjectNode object = json.object(3, true);
      assertThat(text(MergePatch.apply(object, JsonNodeFactory.instance.objectNode()))).isEqualTo(text(object));
      JsonNode replacement = json.value(2);
      if (!replacement.isObject()) {
        assertThat(text(MergePatch.apply(document(random), replacement))).isEqualTo(text(replacement));
      }
    });
  }

  @Test
  void resultsUseTheNodeTypesTheParserWouldGive() {
    Seeds.run(TRIALS, random -> {
      JsonNode result = MergePatch.apply(document(random), document(random));
      assertThat(JsonCodec.parse(JsonCodec.writeCompact(result))).isEqualTo(result);
    });
  }

  /** The smallest merge patch from {@code source} to {@code goal}, written independently of the applier. */
  static JsonNode diff(JsonNode source, JsonNode goal) {
    if (!goal.isObject()) {
      return goal.deepCopy();
    }
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    if (source == null || !source.isObject()) {
      // Every null-free member of the goal rebuilds it from {}.
      goal.properties().forEach(m -> patch.set(m.getKey(), diff(null, m.getValue())));
      return patch;
    }
    for (Map.Entry<String, JsonNode> member : source.properties()) {
      if (!goal.has(member.getKey())) {
        patch.putNull(member.getKey());
      }
    }
    for (Map.Entry<String, JsonNode> member : goal.properties()) {
      JsonNode was = source.get(member.getKey());
      if (was == null || !was.equals(member.getValue())) {
        patch.set(member.getKey(), diff(was, member.getValue()));
      }
    }
    return patch;
  }
}
