package io.statekv.chaos.checker.internal;

import io.statekv.chaos.checker.Budget;
import io.statekv.chaos.checker.LinearizabilityResult.Candidate;
import io.statekv.chaos.checker.LinearizabilityResult.Explanation;
import io.statekv.chaos.checker.LinearizabilityResult.PartitionResult;
import io.statekv.chaos.checker.LinearizabilityResult.Step;
import io.statekv.chaos.checker.Model;
import io.statekv.chaos.checker.Verdict;
import io.statekv.chaos.checker.internal.EntryList.Entry;
import io.statekv.chaos.history.Operation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Wing-Gong linearizability search with Lowe's improvements, for one sub-history: take the
 * first pending call whose operation can take effect in the current state, remember the pair
 * (linearized set, state) so no pair is explored twice, and backtrack when a return is reached
 * before its call was linearized. Not thread-safe; one instance checks one partition once.
 *
 * @param <S> the model's state type
 */
public final class LinearizationSearch<S> {
  /** The deadline is polled once per this many steps (a power of two minus one, as a mask). */
  private static final long DEADLINE_POLL_MASK = 1023;

  private final Model<S> model;
  private final String label;
  private final List<Operation> operations;
  private final EntryList entries;
  private final Budget.Deadline deadline;
  private final long statesMax;
  private final BitSet linearized;
  private final Set<CacheKey> explored = new HashSet<>();
  private final Entry[] stackEntries;
  private final Object[] stackStates;
  private int depth;
  private Explanation deepestStuck;
  private int deepestStuckDepth = -1;

  /**
   * @param deadline polled now and then; the search gives up when it expires
   * @param statesMax the most pairs the search may remember before it gives up
   */
  public LinearizationSearch(Model<S> model, String label, List<Operation> operations,
      Budget.Deadline deadline, long statesMax) {
    this.model = model;
    this.label = label;
    this.operations = operations;
    this.entries = new EntryList(operations);
    this.deadline = deadline;
    this.statesMax = statesMax;
    this.linearized = new BitSet(operations.size());
    this.stackEntries = new Entry[operations.size()];
    this.stackStates = new Object[operations.size() + 1];
  }

  /** The pair the search remembers; the bits are a copy, so later changes do not affect it. */
  private record CacheKey(long[] bits, Object state, int hash) {
    CacheKey(long[] bits, Object state) {
      this(bits, state, 31 * Arrays.hashCode(bits) + state.hashCode());
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof CacheKey key && hash == key.hash
          && Arrays.equals(bits, key.bits) && state.equals(key.state);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** Runs the search to a verdict, or to unknown when the deadline expires first. */
  public PartitionResult run() {
    S state = model.init();
    Entry entry = entries.first();
    long steps = 0;
    while (entries.first() != null) {
      if ((++steps & DEADLINE_POLL_MASK) == 0 && deadline.expired()
          || explored.size() >= statesMax) {
        return result(Verdict.UNKNOWN, null);
      }
      if (entry.isCall) {
        S next = stepOrSkip(state, entry.operation);
        if (next != null && remember(entry.id, next)) {
          push(entry, state);
          state = next;
          EntryList.lift(entry);
          entry = entries.first();
        } else {
          entry = entry.next;
        }
      } else {
        noteStuck(entry, state);
        if (depth == 0) {
          return result(Verdict.INVALID, deepestStuck);
        }
        Entry call = stackEntries[--depth];
        state = stateAt(depth);
        linearized.clear(call.id);
        EntryList.unlift(call);
        entry = call.next;
      }
    }
    return result(Verdict.VALID, null);
  }

  /** The state after {@code op}, with an indeterminate operation allowed to have no effect. */
  private S stepOrSkip(S state, Operation op) {
    S next = model.step(state, op);
    return next == null && op.isIndeterminate() ? state : next;
  }

  /** Marks the operation linearized if the resulting pair is new; otherwise leaves it unmarked. */
  private boolean remember(int id, S next) {
    linearized.set(id);
    if (explored.add(new CacheKey(linearized.toLongArray(), next))) {
      return true;
    }
    linearized.clear(id);
    return false;
  }

  private void push(Entry call, S stateBefore) {
    stackEntries[depth] = call;
    stackStates[depth] = stateBefore;
    depth++;
  }

  @SuppressWarnings("unchecked")
  private S stateAt(int index) {
    return (S) stackStates[index];
  }

  /** Records an explanation when this dead end is deeper than every earlier one. */
  private void noteStuck(Entry stuckReturn, S state) {
    if (depth <= deepestStuckDepth) {
      return;
    }
    deepestStuckDepth = depth;
    List<Step> prefix = new ArrayList<>(depth);
    for (int i = 0; i < depth; i++) {
      S after = i + 1 < depth ? stateAt(i + 1) : state;
      prefix.add(new Step(stackEntries[i].operation, model.describe(after)));
    }
    List<Candidate> candidates = new ArrayList<>();
    for (Entry e = entries.first(); e != null && e != stuckReturn; e = e.next) {
      if (e.isCall) {
        boolean possible = stepOrSkip(state, e.operation) != null;
        candidates.add(new Candidate(e.operation, possible
            ? "can take effect, but every order that follows was already explored"
            : "its result contradicts this state"));
      }
    }
    deepestStuck = new Explanation(prefix, model.describe(state), stuckReturn.operation,
        candidates);
  }

  private PartitionResult result(Verdict verdict, Explanation explanation) {
    return new PartitionResult(label, operations.size(), verdict, explored.size(), explanation);
  }
}
