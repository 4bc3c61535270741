package io.statekv.node.dispatch.internal;

import static io.statekv.node.dispatch.internal.Requests.json;
import static io.statekv.node.dispatch.internal.Requests.stringOfCompactSize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statekv.protocol.v1.ErrorCode;
import io.statekv.protocol.v1.UpdateOp;
import io.statekv.protocol.v1.UpdateRequest;
import io.statekv.storage.Limits;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpdateOpShapesTest {
  private static final int VALUE_BYTES_MAX = 2048;

  private static UpdateOp.Builder op(UpdateOp.Type type, String... path) {
    return UpdateOp.newBuilder().setType(type).addAllPath(List.of(path));
  }

  private static UpdateRequest update(UpdateOp.Builder... ops) {
    UpdateRequest.Builder request = UpdateRequest.newBuilder().setScope("s").setKey("k");
    for (UpdateOp.Builder op : ops) {
      request.addOps(op);
    }
    return request.build();
  }

  private static void assertMalformed(UpdateRequest request, String messagePart) {
    assertThatThrownBy(() -> WriteChecks.update(request, VALUE_BYTES_MAX))
        .isInstanceOfSatisfying(RejectedRequestException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
          assertThat(e.getMessage()).contains(messagePart);
        });
  }

  @Test
  void everyWellFormedShapeIsAccepted() {
    UpdateRequest request = update(
        op(UpdateOp.Type.SET, "name").setValueJson(json(" \"ada\" ")),
        op(UpdateOp.Type.SET),
        op(UpdateOp.Type.MERGE, "a", "b").setValueJson(json("{\"x\": 1}")),
        op(UpdateOp.Type.INCREMENT, "n").setBy(5),
        op(UpdateOp.Type.DECREMENT).setBy(-2),
        op(UpdateOp.Type.APPEND).setValueJson(json("[1]")),
        op(UpdateOp.Type.REMOVE, ""));
    UpdateRequest checked = WriteChecks.update(request, VALUE_BYTES_MAX);
    assertThat(checked.getOpsCount()).isEqualTo(7);
    assertThat(checked.getOps(0).getValueJson().toStringUtf8()).isEqualTo("\"ada\"");
    assertThat(checked.getOps(1).hasValueJson()).isFalse();
    assertThat(checked.getOps(2).getValueJson().toStringUtf8()).isEqualTo("{\"x\":1}");
    assertThat(checked.getOps(3).getBy()).isEqualTo(5);
  }

  @Test
  void unspecifiedOrUnknownTypeIsMalformed() {
    assertMalformed(update(op(UpdateOp.Type.SET).setValueJson(json("1")), UpdateOp.newBuilder()), "ops[1]: op type is unspecified");
    assertMalformed(update(UpdateOp.newBuilder().setTypeValue(42)), "(42)");
  }

  @Test
  void fieldOpsTakeAtMostOnePathElement() {
    assertMalformed(update(op(UpdateOp.Type.SET, "a", "b").setValueJson(json("1"))), "set takes at most one path element");
    assertMalformed(update(op(UpdateOp.Type.INCREMENT, "a", "b").setBy(1)), "increment takes at most one path element");
    assertMalformed(update(op(UpdateOp.Type.DECREMENT, "a", "b").setBy(1)), "decrement takes at most one path element");
    assertMalformed(update(op(UpdateOp.Type.REMOVE, "a", "b")), "remove takes at most one path element");
  }

  @Test
  void missingOrMisplacedOperandsAreMalformed() {
    assertMalformed(update(op(UpdateOp.Type.MERGE, "a")), "merge requires a value");
    assertMalformed(update(op(UpdateOp.Type.APPEND)), "append requires a value");
    assertMalformed(update(op(UpdateOp.Type.INCREMENT, "n").setValueJson(json("1"))), "no value");
    assertMalformed(update(op(UpdateOp.Type.REMOVE, "n").setBy(3)), "no 'by'");
    assertMalformed(update(op(UpdateOp.Type.SET, "n").setBy(3)), "no 'by'");
    assertMalformed(update(op(UpdateOp.Type.MERGE).setValueJson(json("{}")).setBy(1)), "takes no 'by'");
  }

  @Test
  void opValuesAreCheckedLikeValues() {
    assertMalformed(update(op(UpdateOp.Type.SET, "a").setValueJson(json("{oops}"))), "ops[0].value_json");
    assertThatThrownBy(() -> WriteChecks.update(
            update(op(UpdateOp.Type.MERGE).setValueJson(json("{\"a\":" + stringOfCompactSize(VALUE_BYTES_MAX) + "}"))),
            VALUE_BYTES_MAX))
        .isInstanceOfSatisfying(RejectedRequestException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALUE_TOO_LARGE));
  }

  @Test
  void opCountBoundary() {
    UpdateOp.Builder[] ops = new UpdateOp.Builder[Limits.UPDATE_OPS_MAX + 1];
    for (int i = 0; i < ops.length; i++) {
      ops[i] = op(UpdateOp.Type.INCREMENT, "n").setBy(1);
    }
    assertMalformed(update(ops), "more than update_ops_max");
    assertThat(WriteChecks.update(update(java.util.Arrays.copyOf(ops, Limits.UPDATE_OPS_MAX)), VALUE_BYTES_MAX).getOpsCount())
        .isEqualTo(Limits.UPDATE_OPS_MAX);
  }
}
