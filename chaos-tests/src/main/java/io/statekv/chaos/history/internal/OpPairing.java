package io.statekv.chaos.history.internal;

import io.statekv.chaos.history.MalformedHistoryException;
import io.statekv.chaos.history.Op;
import io.statekv.chaos.history.OpType;
import io.statekv.chaos.history.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Pairs invocations with completions while checking the rules a recorded run must obey. */
public final class OpPairing {
  private final List<Op> invokes = new ArrayList<>();
  private final List<Op> completions = new ArrayList<>();
  private final Map<Long, Integer> openByProcess = new HashMap<>();
  private final Map<Long, Op> crashedByProcess = new HashMap<>();
  private long lastTime = Op.TIME_UNKNOWN;

  private OpPairing() {}

  /**
   * Pairs ops given in real-time order, whose indexes are their positions.
   *
   * @throws MalformedHistoryException naming the first op that breaks a rule
   */
  public static List<Operation> pair(List<Op> ops) {
    OpPairing pairing = new OpPairing();
    for (Op op : ops) {
      pairing.checkTime(op);
      if (op.isNemesis()) {
        pairing.checkNemesis(op);
      } else if (op.type() == OpType.INVOKE) {
        pairing.invoke(op);
      } else {
        pairing.complete(op);
      }
    }
    return pairing.operations();
  }

  private void checkTime(Op op) {
    if (!op.hasTime()) {
      return;
    }
    if (op.time() < lastTime) {
      throw new MalformedHistoryException(op.line(), "time " + op.time()
          + " is before the time " + lastTime + " of an earlier op; ops must be in real-time order");
    }
    lastTime = op.time();
  }

  private void checkNemesis(Op op) {
    if (op.type() != OpType.INFO) {
      throw new MalformedHistoryException(op.line(),
          "nemesis ops must have type info, not " + op.type().wireName());
    }
  }

  private void invoke(Op op) {
    Op crash = crashedByProcess.get(op.process());
    if (crash != null) {
      throw new MalformedHistoryException(op.line(), "process " + op.process()
          + " invokes again after its operation ended in info on line " + crash.line()
          + "; a process with an indeterminate operation must never invoke again");
    }
    Integer open = openByProcess.get(op.process());
    if (open != null) {
      throw new MalformedHistoryException(op.line(), "process " + op.process() + " invokes '"
          + op.f() + "' while its '" + invokes.get(open).f() + "' from line "
          + invokes.get(open).line() + " is still open");
    }
    openByProcess.put(op.process(), invokes.size());
    invokes.add(op);
    completions.add(null);
  }

  private void complete(Op op) {
    Integer open = openByProcess.remove(op.process());
    if (open == null) {
      throw new MalformedHistoryException(op.line(), "process " + op.process() + " completes '"
          + op.f() + "' with " + op.type().wireName() + " but has no open operation");
    }
    Op invoke = invokes.get(open);
    if (!invoke.f().equals(op.f())) {
      throw new MalformedHistoryException(op.line(), "process " + op.process() + " completes '"
          + op.f() + "' but its open operation from line " + invoke.line() + " is '"
          + invoke.f() + "'");
    }
    completions.set(open, op);
    if (op.type() == OpType.INFO) {
      crashedByProcess.put(op.process(), op);
    }
  }

  private List<Operation> operations() {
    List<Operation> result = new ArrayList<>(invokes.size());
    for (int i = 0; i < invokes.size(); i++) {
      result.add(new Operation(i, invokes.get(i), completions.get(i)));
    }
    return List.copyOf(result);
  }
}
