package io.statekv.node.dispatch.internal;

import io.statekv.protocol.v1.Compare;
import io.statekv.protocol.v1.Consistency;
import io.statekv.protocol.v1.GetRequest;
import io.statekv.protocol.v1.TxnOp;
import io.statekv.protocol.v1.TxnRequest;
import io.statekv.storage.Limits;
import java.util.List;

/**
 * Edge checks of a txn: at most {@link Limits#TXN_OPS_MAX} compares and ops in all, each compare of
 * a shape the engine evaluates, and each op checked like the single-key request it wraps. A
 * rejection names the offending compare or op ({@code compares[i]}, {@code then[i]}, {@code
 * else[i]}) and carries its index within that list. Stateless and thread-safe.
 */
final class TxnChecks {
  private TxnChecks() {}

  static TxnRequest check(TxnRequest txn, int valueBytesMax) {
    int total = txn.getComparesCount() + txn.getThenCount() + txn.getElseCount();
    if (total > Limits.TXN_OPS_MAX) {
      throw RejectedRequestException.invalid(
          "txn has " + total + " compares and ops, more than txn_ops_max " + Limits.TXN_OPS_MAX);
    }
    TxnRequest.Builder canonical = TxnRequest.newBuilder();
    for (int i = 0; i < txn.getComparesCount(); i++) {
      canonical.addCompares(compare(txn.getCompares(i), i, valueBytesMax));
    }
    canonical.addAllThen(ops("then", txn.getThenList(), valueBytesMax));
    canonical.addAllElse(ops("else", txn.getElseList(), valueBytesMax));
    return canonical.build();
  }

  private static List<TxnOp> ops(String branch, List<TxnOp> ops, int valueBytesMax) {
    TxnOp[] checked = new TxnOp[ops.size()];
    for (int i = 0; i < ops.size(); i++) {
      try {
        checked[i] = op(ops.get(i), valueBytesMax);
      } catch (RejectedRequestException e) {
        throw e.at(branch + "[" + i + "]", i);
      }
    }
    return List.of(checked);
  }

  private static TxnOp op(TxnOp op, int valueBytesMax) {
    return switch (op.getOpCase()) {
      case SET -> TxnOp.newBuilder().setSet(WriteChecks.set(op.getSet(), valueBytesMax)).build();
      case UPDATE -> TxnOp.newBuilder().setUpdate(WriteChecks.update(op.getUpdate(), valueBytesMax)).build();
      case PATCH -> TxnOp.newBuilder().setPatch(WriteChecks.patch(op.getPatch(), valueBytesMax)).build();
      case APPEND -> TxnOp.newBuilder().setAppend(WriteChecks.append(op.getAppend(), valueBytesMax)).build();
      case DELETE -> TxnOp.newBuilder().setDelete(WriteChecks.delete(op.getDelete())).build();
      case GET -> TxnOp.newBuilder().setGet(get(op.getGet())).build();
      case OP_NOT_SET -> throw RejectedRequestException.invalid("txn op has no operation set");
    };
  }

  /** A get inside a txn reads the txn's own state, so read options have no meaning there. */
  private static GetRequest get(GetRequest get) {
    Names.address(get.getScope(), get.getKey());
    if (get.getConsistency() != Consistency.LINEARIZABLE || get.getMinRevision() != 0) {
      throw RejectedRequestException.invalid(
          "a get inside a txn takes no consistency or min_revision: it reads the txn's own state");
    }
    return get;
  }

  private static Compare compare(Compare compare, int index, int valueBytesMax) {
    try {
      Names.address(compare.getScope(), compare.getKey());
      return shape(compare, valueBytesMax);
    } catch (RejectedRequestException e) {
      throw e.at("compares[" + index + "]", index);
    }
  }

  private static Compare shape(Compare compare, int valueBytesMax) {
    Compare.Op op = compare.getOp();
    if (op == Compare.Op.UNRECOGNIZED) {
      throw RejectedRequestException.invalid("unknown compare op " + compare.getOpValue());
    }
    switch (compare.getTarget()) {
      case VALUE -> {
        require(op == Compare.Op.EQUAL || op == Compare.Op.NOT_EQUAL, "a VALUE compare is EQUAL or NOT_EQUAL");
        require(compare.getNumber() == 0, "a VALUE compare takes value_json, not number");
        JsonInput.Checked value = JsonInput.check("value_json", compare.getValueJson(), valueBytesMax);
        return compare.toBuilder().setValueJson(value.compact()).build();
      }
      case REVISION, CREATE_REVISION, VERSION -> require(compare.getNumber() >= 0, "number is out of range");
      case EXISTS -> require(
          op == Compare.Op.EQUAL && (compare.getNumber() == 0 || compare.getNumber() == 1),
          "an EXISTS compare is EQUAL with number 1 (exists) or 0 (missing)");
      case CHANGED_SINCE -> require(
          op == Compare.Op.EQUAL && compare.getNumber() >= 0,
          "a CHANGED_SINCE compare is EQUAL with a revision as number");
      default -> throw RejectedRequestException.invalid("unknown compare target " + compare.getTargetValue());
    }
    require(compare.getValueJson().isEmpty(), "only a VALUE compare takes value_json");
    return compare;
  }

  private static void require(boolean holds, String rule) {
    if (!holds) {
      throw RejectedRequestException.invalid("malformed compare: " + rule);
    }
  }
}
