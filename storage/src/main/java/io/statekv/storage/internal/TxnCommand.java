package io.statekv.storage.internal;

import io.statekv.storage.Command;
import io.statekv.storage.Compare;
import io.statekv.storage.Entry;
import io.statekv.storage.JsonCodec;
import io.statekv.storage.Result;
import io.statekv.storage.TxnOp;
import java.util.ArrayList;
import java.util.List;

/**
 * A txn: every compare is evaluated on the state before the txn; then the chosen branch's ops run
 * in order, each seeing the ones before it, and every change shares the log entry's revision. If
 * any op fails, the whole txn fails with that op's failure and index, and nothing of it remains.
 *
 * <p>A key may appear more than once in a branch; each write to it is a change of its own, so its
 * version grows by one per write.
 */
final class TxnCommand {
  private final Writes writes;

  TxnCommand(Writes writes) {
    this.writes = writes;
  }

  Result apply(Command.Txn t) {
    boolean succeeded = allHold(t.compares());
    List<TxnOp> branch = succeeded ? t.then() : t.otherwise();
    String branchName = succeeded ? "then" : "else";
    return writes.guarded(() -> {
      List<Result> results = new ArrayList<>(branch.size());
      for (int i = 0; i < branch.size(); i++) {
        Result r = writes.apply(branch.get(i));
        if (r instanceof Result.Failed f) {
          return new Result.Failed(
              f.failure(), branchName + "[" + i + "]: " + f.message(), f.currentRevision(), i);
        }
        results.add(r);
      }
      return new Result.TxnDone(succeeded, results);
    });
  }

  private boolean allHold(List<Compare> compares) {
    boolean all = true;
    for (Compare c : compares) {
      all &= holds(c);
    }
    return all;
  }

  private boolean holds(Compare c) {
    Entry e = writes.visible(Address.of(c.scope(), c.key()));
    switch (c.target()) {
      case VALUE:
        boolean equal = e != null && sameValue(e, c);
        return c.op() == Compare.Op.EQUAL ? equal : !equal;
      case EXISTS:
        boolean matches = (e != null) == (c.number() == 1);
        return c.op() == Compare.Op.EQUAL ? matches : !matches;
      case CHANGED_SINCE:
        boolean changed = (e == null ? 0 : e.revision()) > c.number();
        return c.op() == Compare.Op.EQUAL ? changed : !changed;
      case REVISION:
        return compare(e == null ? 0 : e.revision(), c);
      case CREATE_REVISION:
        return compare(e == null ? 0 : e.createRevision(), c);
      case VERSION:
        return compare(e == null ? 0 : e.version(), c);
      default:
        throw new IllegalStateException("unknown compare target " + c.target());
    }
  }

  /** JSON equality; a value that cannot be parsed equals only identical bytes. */
  private static boolean sameValue(Entry e, Compare c) {
    try {
      return e.value().sameValue(c.value());
    } catch (JsonCodec.InvalidJsonException ex) {
      return e.value().equals(c.value());
    }
  }

  private static boolean compare(long actual, Compare c) {
    switch (c.op()) {
      case EQUAL:
        return actual == c.number();
      case NOT_EQUAL:
        return actual != c.number();
      case GREATER:
        return actual > c.number();
      case LESS:
        return actual < c.number();
      default:
        throw new IllegalStateException("unknown compare op " + c.op());
    }
  }
}
