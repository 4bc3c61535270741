package io.statekv.raft.internal;

import io.statekv.protocol.v1.TxnRequest;
import io.statekv.raft.internal.CommandDecoder.BadCommandException;
import io.statekv.storage.Command;
import io.statekv.storage.Compare;
import io.statekv.storage.Json;
import io.statekv.storage.JsonCodec;
import io.statekv.storage.Limits;
import io.statekv.storage.TxnOp;
import io.statekv.storage.UpdateOps.MalformedOpException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a protobuf {@link TxnRequest} into a storage {@link Command.Txn}. A malformed compare or op
 * rejects the whole txn; a malformed op names its position in its branch. Stateless.
 */
final class TxnDecoder {
  private TxnDecoder() {}

  static Command.Txn txn(TxnRequest r) {
    int ops = r.getComparesCount() + r.getThenCount() + r.getElseCount();
    if (ops > Limits.TXN_OPS_MAX) {
      throw new BadCommandException(ops + " txn compares and ops, more than txn_ops_max " + Limits.TXN_OPS_MAX);
    }
    List<Compare> compares = new ArrayList<>(r.getComparesCount());
    for (int i = 0; i < r.getComparesCount(); i++) {
      compares.add(compare(i, r.getCompares(i)));
    }
    return new Command.Txn(compares, branch("then", r.getThenList()), branch("else", r.getElseList()));
  }

  private static Compare compare(int i, io.statekv.protocol.v1.Compare c) {
    Compare.Target target;
    Compare.Op op;
    try {
      target = Compare.Target.valueOf(c.getTarget().name());
      op = Compare.Op.valueOf(c.getOp().name());
    } catch (IllegalArgumentException unrecognized) {
      throw new BadCommandException("compares[" + i + "]: unknown target or op");
    }
    Json value = null;
    if (target == Compare.Target.VALUE) {
      try {
        value = CommandDecoder.json("value_json", c.getValueJson());
      } catch (JsonCodec.InvalidJsonException | BadCommandException e) {
        throw new BadCommandException("compares[" + i + "]: " + e.getMessage());
      }
    }
    if (c.getNumber() < 0) {
      throw new BadCommandException("compares[" + i + "]: number out of range: " + Long.toUnsignedString(c.getNumber()));
    }
    return new Compare(c.getScope(), c.getKey(), target, op, value, c.getNumber());
  }

  private static List<TxnOp> branch(String name, List<io.statekv.protocol.v1.TxnOp> ops) {
    List<TxnOp> decoded = new ArrayList<>(ops.size());
    for (int i = 0; i < ops.size(); i++) {
      try {
        decoded.add(op(ops.get(i)));
      } catch (BadCommandException | JsonCodec.InvalidJsonException | MalformedOpException e) {
        throw new BadCommandException(name + "[" + i + "]: " + e.getMessage(), i);
      }
    }
    return decoded;
  }

  private static TxnOp op(io.statekv.protocol.v1.TxnOp op) {
    switch (op.getOpCase()) {
      case SET:
        return CommandDecoder.set(op.getSet());
      case UPDATE:
        return CommandDecoder.update(op.getUpdate());
      case PATCH:
        return CommandDecoder.patch(op.getPatch());
      case APPEND:
        return CommandDecoder.append(op.getAppend());
      case DELETE:
        return CommandDecoder.delete(op.getDelete());
      case GET:
        return new TxnOp.Get(op.getGet().getScope(), op.getGet().getKey());
      default:
        throw new BadCommandException("the txn op carries no operation");
    }
  }
}
