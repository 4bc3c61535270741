package io.statekv.node.dispatch.internal;

import static io.statekv.node.dispatch.internal.Requests.json;
import static io.statekv.node.dispatch.internal.Requests.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statekv.protocol.v1.Compare;
import io.statekv.protocol.v1.Consistency;
import io.statekv.protocol.v1.DeleteRequest;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.protocol.v1.GetRequest;
import io.statekv.protocol.v1.TxnOp;
import io.statekv.protocol.v1.TxnRequest;
import io.statekv.storage.Limits;
import org.junit.jupiter.api.Test;

class TxnChecksTest {
  private static final int VALUE_BYTES_MAX = 2048;

  private static TxnOp delete(String key) {
    return TxnOp.newBuilder().setDelete(DeleteRequest.newBuilder().setScope("s").setKey(key)).build();
  }

  private static Compare.Builder compare(Compare.Target target, Compare.Op op) {
    return Compare.newBuilder().setScope("s").setKey("k").setTarget(target).setOp(op);
  }

  private static RejectedRequestException rejected(TxnRequest txn) {
    try {
      TxnChecks.check(txn, VALUE_BYTES_MAX);
    } catch (RejectedRequestException e) {
      return e;
    }
    throw new AssertionError("txn was accepted: " + txn);
  }

  @Test
  void opCountCountsComparesThenAndElse() {
    TxnRequest.Builder txn = TxnRequest.newBuilder();
    for (int i = 0; i < Limits.TXN_OPS_MAX; i++) {
      switch (i % 3) {
        case 0 -> txn.addCompares(compare(Compare.Target.VERSION, Compare.Op.GREATER).setNumber(1));
        case 1 -> txn.addThen(delete("k" + i));
        default -> txn.addElse(delete("k" + i));
      }
    }
    assertThat(TxnChecks.check(txn.build(), VALUE_BYTES_MAX).getThenCount()).isEqualTo(43);
    RejectedRequestException e = rejected(txn.addElse(delete("one-more")).build());
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(e.getMessage()).contains("129 compares and ops", "txn_ops_max 128");
  }

  @Test
  void eachOpIsCheckedAndNamed() {
    TxnRequest txn = TxnRequest.newBuilder()
        .addThen(delete("a"))
        .addThen(TxnOp.newBuilder().setSet(set("_sys", "k", "1")))
        .build();
    RejectedRequestException e = rejected(txn);
    assertThat(e.getMessage()).startsWith("then[1]: ").contains("reserved");
    assertThat(e.opIndex()).isEqualTo(1);

    RejectedRequestException tooLarge = rejected(TxnRequest.newBuilder()
        .addElse(TxnOp.newBuilder().setSet(set("s", "k", Requests.stringOfCompactSize(VALUE_BYTES_MAX + 1)))).build());
    assertThat(tooLarge.code()).isEqualTo(ErrorCode.VALUE_TOO_LARGE);
    assertThat(tooLarge.getMessage()).startsWith("else[0]: ");

    assertThat(rejected(TxnRequest.newBuilder().addThen(TxnOp.getDefaultInstance()).build()).getMessage())
        .contains("no operation");
    assertThat(rejected(TxnRequest.newBuilder().addThen(TxnOp.newBuilder().setGet(
            GetRequest.newBuilder().setScope("s").setKey("k").setConsistency(Consistency.SERIALIZABLE))).build()).getMessage())
        .contains("takes no consistency");
  }

  @Test
  void compareShapes() {
    TxnRequest good = TxnRequest.newBuilder()
        .addCompares(compare(Compare.Target.VALUE, Compare.Op.NOT_EQUAL).setValueJson(json(" [1, 2] ")))
        .addCompares(compare(Compare.Target.REVISION, Compare.Op.LESS).setNumber(10))
        .addCompares(compare(Compare.Target.EXISTS, Compare.Op.EQUAL).setNumber(0))
        .addCompares(compare(Compare.Target.CHANGED_SINCE, Compare.Op.EQUAL).setNumber(4))
        .build();
    assertThat(TxnChecks.check(good, VALUE_BYTES_MAX).getCompares(0).getValueJson().toStringUtf8()).isEqualTo("[1,2]");

    assertThat(rejected(TxnRequest.newBuilder()
        .addCompares(compare(Compare.Target.VALUE, Compare.Op.GREATER).setValueJson(json("1"))).build()).getMessage())
        .contains("compares[0]", "EQUAL or NOT_EQUAL");
    assertThat(rejected(TxnRequest.newBuilder()
        .addCompares(compare(Compare.Target.VALUE, Compare.Op.EQUAL)).build()).getMessage())
        .contains("value_json is empty");
    assertThat(rejected(TxnRequest.newBuilder()
        .addCompares(compare(Compare.Target.EXISTS, Compare.Op.EQUAL).setNumber(2)).build()).getMessage())
        .contains("EXISTS");
    assertThat(rejected(TxnRequest.newBuilder()
        .addCompares(compare(Compare.Target.VERSION, Compare.Op.EQUAL).setValueJson(json("1"))).build()).getMessage())
        .contains("only a VALUE compare takes value_json");
    assertThat(rejected(TxnRequest.newBuilder()
        .addCompares(compare(Compare.Target.VERSION, Compare.Op.EQUAL).setTargetValue(17)).build()).getMessage())
        .contains("unknown compare target");
    RejectedRequestException reserved = rejected(TxnRequest.newBuilder()
        .addCompares(compare(Compare.Target.VERSION, Compare.Op.EQUAL))
        .addCompares(compare(Compare.Target.VERSION, Compare.Op.EQUAL).setScope("_x")).build());
    assertThat(reserved.opIndex()).isEqualTo(1);
  }
}
