package io.statekv.raft.internal;

import io.statekv.protocol.v1.ClientCommand;
import io.statekv.protocol.v1.Compare;
import io.statekv.protocol.v1.TxnOp;
import io.statekv.protocol.v1.TxnRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys a client command touches, for the batching rule: no two commands of one log entry touch
 * the same key, so that every change of a key has its own revision and a txn's compares see the
 * state before any other command of its entry changed them. Stateless.
 */
final class BatchKeys {
  private BatchKeys() {}

  /** A (scope, key) address. */
  record KeyRef(String scope, String key) {}

  /** Every key the command writes, reads or compares, possibly with repeats. */
  static List<KeyRef> of(ClientCommand command) {
    switch (command.getOpCase()) {
      case SET:
        return List.of(new KeyRef(command.getSet().getScope(), command.getSet().getKey()));
      case UPDATE:
        return List.of(new KeyRef(command.getUpdate().getScope(), command.getUpdate().getKey()));
      case PATCH:
        return List.of(new KeyRef(command.getPatch().getScope(), command.getPatch().getKey()));
      case APPEND:
        return List.of(new KeyRef(command.getAppend().getScope(), command.getAppend().getKey()));
      case DELETE:
        return List.of(new KeyRef(command.getDelete().getScope(), command.getDelete().getKey()));
      case TXN:
        return txn(command.getTxn());
      default:
        return List.of();
    }
  }

  private static List<KeyRef> txn(TxnRequest txn) {
    List<KeyRef> keys = new ArrayList<>(txn.getComparesCount() + txn.getThenCount() + txn.getElseCount());
    for (Compare c : txn.getComparesList()) {
      keys.add(new KeyRef(c.getScope(), c.getKey()));
    }
    for (TxnOp op : txn.getThenList()) {
      addOp(keys, op);
    }
    for (TxnOp op : txn.getElseList()) {
      addOp(keys, op);
    }
    return keys;
  }

  private static void addOp(List<KeyRef> keys, TxnOp op) {
    switch (op.getOpCase()) {
      case SET -> keys.add(new KeyRef(op.getSet().getScope(), op.getSet().getKey()));
      case UPDATE -> keys.add(new KeyRef(op.getUpdate().getScope(), op.getUpdate().getKey()));
      case PATCH -> keys.add(new KeyRef(op.getPatch().getScope(), op.getPatch().getKey()));
      case APPEND -> keys.add(new KeyRef(op.getAppend().getScope(), op.getAppend().getKey()));
      case DELETE -> keys.add(new KeyRef(op.getDelete().getScope(), op.getDelete().getKey()));
      case GET -> keys.add(new KeyRef(op.getGet().getScope(), op.getGet().getKey()));
      default -> {
        // An empty op touches nothing; apply rejects it.
      }
    }
  }
}
