package io.statekv.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.statekv.storage.Limits;
import io.statekv.storage.UpdateError;
import io.statekv.storage.UpdateOp;
import io.statekv.storage.UpdateOps;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the transcripts cannot express: ops built in code rather than parsed. */
class UpdateOpApplierTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Test
  void theCoreAssertsTheOpCountLimit() {
    List<UpdateOp> tooMany = Collections.nCopies(Limits.UPDATE_OPS_MAX + 1, new UpdateOp.Remove("a"));
    assertThatThrownBy(() -> UpdateOpApplier.apply(null, tooMany)).isInstanceOf(IllegalArgumentException.class);
    List<UpdateOp> atLimit = Collections.nCopies(Limits.UPDATE_OPS_MAX, new UpdateOp.Increment("n", 1));
    assertThat(UpdateOpApplier.apply(null, atLimit).value().get("n").intValue()).isEqualTo(Limits.UPDATE_OPS_MAX);
  }

  @Test
  void javaNullValuesActAsJsonNull() {
    UpdateOps.Outcome outcome = UpdateOpApplier.apply(NODES.objectNode().putNull("s"), List.of(
        new UpdateOp.Set("a", null),
        new UpdateOp.Append(List.of("l"), null),
        new UpdateOp.Merge(List.of(), null)));
    assertThat(outcome.value().toString()).isEqualTo("{\"s\":null,\"a\":null,\"l\":[null]}");
    assertThat(outcome.errors()).containsExactly(
        new UpdateError(2, "merge.value.not_an_object", "Merge value must be a JSON object"));
  }

  @Test
  void theSameOpValueStoredTwiceIsTwoTrees() {
    var shared = NODES.objectNode().set("list", NODES.arrayNode().add(1));
    UpdateOps.Outcome outcome = UpdateOpApplier.apply(null, List.of(
        new UpdateOp.Set("a", shared),
        new UpdateOp.Set("b", shared),
        new UpdateOp.Append(List.of("a", "list"), NODES.numberNode(2))));
    assertThat(outcome.value().toString()).isEqualTo("{\"a\":{\"list\":[1,2]},\"b\":{\"list\":[1]}}");
    assertThat(shared.toString()).isEqualTo("{\"list\":[1]}");
  }

  @Test
  void nullOpsAreBugs() {
    assertThatThrownBy(() -> UpdateOpApplier.apply(null, null)).isInstanceOf(NullPointerException.class);
  }
}
