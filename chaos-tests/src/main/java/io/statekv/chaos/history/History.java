package io.statekv.chaos.history;

import io.statekv.chaos.history.internal.OpPairing;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated history: every op in real-time order, and the client operations they form.
 *
 * <p>A valid history obeys these rules, which {@link #of} checks:
 *
 * <ul>
 *   <li>a process has at most one operation open at a time;
 *   <li>each ok, fail or info op completes the open operation of its process, with the same
 *       {@code f};
 *   <li>a process whose operation ended in {@code info} never invokes again (its client may have
 *       a request still in flight, so the recorder must use a new process id);
 *   <li>nemesis ops are {@code info} ops and are not paired;
 *   <li>recorded times never go backwards.
 * </ul>
 *
 * <p>An operation left without a completion is open to the end, like one that ended in {@code
 * info}. Immutable and thread-safe.
 */
public final class History {
  /** Most ops a history may hold; a longer run should be split into several histories. */
  public static final int OPS_MAX = 20_000_000;

  private final List<Op> ops;
  private final List<Operation> operations;

  private History(List<Op> ops, List<Operation> operations) {
    this.ops = ops;
    this.operations = operations;
  }

  /**
   * Validates and pairs ops given in real-time order; each op's index is set to its position.
   *
   * @throws MalformedHistoryException if the ops break one of the rules above
   */
  public static History of(List<Op> ops) {
    if (ops.size() > OPS_MAX) {
      throw new MalformedHistoryException(0, "history has " + ops.size()
          + " ops, more than the " + OPS_MAX + " allowed");
    }
    List<Op> indexed = new ArrayList<>(ops.size());
    for (Op op : ops) {
      indexed.add(op.index() == indexed.size() ? op : op.withIndex(indexed.size()));
    }
    List<Op> frozen = List.copyOf(indexed);
    return new History(frozen, OpPairing.pair(frozen));
  }

  /** Every op, in real-time order. */
  public List<Op> ops() {
    return ops;
  }

  /** The client operations, in invocation order; nemesis ops are not among them. */
  public List<Operation> operations() {
    return operations;
  }

  /** The ops the nemesis recorded, in real-time order. */
  public List<Op> nemesisOps() {
    return ops.stream().filter(Op::isNemesis).toList();
  }

  /** Number of ops (lines). */
  public int size() {
    return ops.size();
  }

  /** True if every op carries a recorded time. */
  public boolean hasTimes() {
    return ops.stream().allMatch(Op::hasTime);
  }
}
