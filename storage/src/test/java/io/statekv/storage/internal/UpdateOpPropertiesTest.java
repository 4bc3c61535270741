package io.statekv.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statekv.storage.JsonCodec;
import io.statekv.storage.UpdateError;
import io.statekv.storage.UpdateOp;
import io.statekv.storage.UpdateOps;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Laws of update ops over random values and ops. Each test prints its seed on failure; replay it
 * with {@code -Dstatekv.test.seed=<seed>}.
 */
class UpdateOpPropertiesTest {
  private static final int TRIALS = 3_000;

  private record Trial(JsonNode old, ArrayNode opsJson, List<UpdateOp> ops) {
    static Trial draw(Random random) {
      RandomJson json = new RandomJson(random);
      JsonNode old = random.nextInt(4) == 0 ? null : random.nextBoolean() ? json.object(3, true) : json.value(3);
      ArrayNode opsJson = json.ops(8);
      return new Trial(old, opsJson, UpdateOps.parse(opsJson));
    }
  }

  private static String text(JsonNode node) {
    return UpdateOpConformanceTest.text(node);
  }

  @Test
  void neverMutatesInputsAndIsDeterministic() {
    Seeds.run(TRIALS, random -> {
      Trial t = Trial.draw(random);
      String oldBefore = t.old() == null ? null : text(t.old());
      String opsBefore = text(t.opsJson());
      UpdateOps.Outcome first = UpdateOps.apply(t.old(), t.ops());
      UpdateOps.Outcome second = UpdateOps.apply(t.old(), t.ops());
      assertThat(JsonCodec.writeCompact(second.value())).isEqualTo(JsonCodec.writeCompact(first.value()));
      assertThat(second.errors()).isEqualTo(first.errors());
      assertThat(t.old() == null ? null : text(t.old())).isEqualTo(oldBefore);
      assertThat(text(t.opsJson())).isEqualTo(opsBefore);
    });
  }

  @Test
  void theResultSharesNoContainerWithTheInputs() {
    Seeds.run(TRIALS, random -> {
      Trial t = Trial.draw(random);
      String oldBefore = t.old() == null ? null : text(t.old());
      String opsBefore = text(t.opsJson());
      scribble(UpdateOps.apply(t.old(), t.ops()).value());
      assertThat(t.old() == null ? null : text(t.old())).isEqualTo(oldBefore);
      assertThat(text(t.opsJson())).isEqualTo(opsBefore);
    });
  }

  /** Changes every object and array in the tree, so that any shared container shows up. */
  static void scribble(JsonNode node) {
    if (node.isObject()) {
      node.forEach(UpdateOpPropertiesTest::scribble);
      ((ObjectNode) node).put("\u0000scribbled", true);
    } else if (node.isArray()) {
      node.forEach(UpdateOpPropertiesTest::scribble);
      ((ArrayNode) node).add("scribbled");
    }
  }

  @Test
  void errorsAreOnePerFailedOpInOrderAndNamedForTheirOp() {
    Seeds.run(TRIALS, random -> {
      Trial t = Trial.draw(random);
      List<UpdateError> errors = UpdateOps.apply(t.old(), t.ops()).errors();
      int previous = -1;
      for (UpdateError error : errors) {
        assertThat(error.opIndex()).isGreaterThan(previous).isLessThan(t.ops().size());
        assertThat(error.code()).startsWith(t.ops().get(error.opIndex()).name() + ".");
        assertThat(error.message()).isNotBlank();
        previous = error.opIndex();
      }
    });
  }

  @Test
  void aFailedOpChangesNothing() {
    Seeds.run(TRIALS, random -> {
      Trial t = Trial.draw(random);
      List<UpdateError> errors = UpdateOps.apply(t.old(), t.ops()).errors();
      for (UpdateError error : errors) {
        int i = error.opIndex();
        JsonNode before = UpdateOps.apply(t.old(), t.ops().subList(0, i)).value();
        JsonNode after = UpdateOps.apply(t.old(), t.ops().subList(0, i + 1)).value();
        assertThat(text(after)).as("op %d: %s", i, error).isEqualTo(text(before));
      }
    });
  }

  @Test
  void applyingInTwoStepsEqualsApplyingOnceForAnExistingKey() {
    Seeds.run(TRIALS, random -> {
      Trial t = Trial.draw(random);
      JsonNode old = t.old() == null ? new RandomJson(random).object(2, true) : t.old();
      int split = random.nextInt(t.ops().size() + 1);
      UpdateOps.Outcome whole = UpdateOps.apply(old, t.ops());
      UpdateOps.Outcome head = UpdateOps.apply(old, t.ops().subList(0, split));
      UpdateOps.Outcome tail = UpdateOps.apply(head.value(), t.ops().subList(split, t.ops().size()));
      assertThat(text(tail.value())).isEqualTo(text(whole.value()));
      assertThat(head.errors().size() + tail.errors().size()).isEqualTo(whole.errors().size());
      for (int i = 0; i < tail.errors().size(); i++) {
        UpdateError shifted = tail.errors().get(i);
        UpdateError expected = whole.errors().get(head.errors().size() + i);
        assertThat(shifted.opIndex() + split).isEqualTo(expected.opIndex());
        assertThat(shifted.code()).isEqualTo(expected.code());
      }
    });
  }

  @Test
  void resultsUseTheNodeTypesTheParserWouldGive() {
    Seeds.run(TRIALS, random -> {
      Trial t = Trial.draw(random);
      JsonNode value = UpdateOps.apply(t.old(), t.ops()).value();
      assertThat(JsonCodec.parse(JsonCodec.writeCompact(value))).isEqualTo(value);
    });
  }

  @Test
  void parsingIsStableUnderReserialization() {
    Seeds.run(TRIALS, random -> {
      ArrayNode opsJson = new RandomJson(random).ops(8);
      List<UpdateOp> parsed = UpdateOps.parse(opsJson);
      assertThat(UpdateOps.parse(JsonCodec.parse(JsonCodec.writeCompact(opsJson)))).isEqualTo(parsed);
    });
  }
}
