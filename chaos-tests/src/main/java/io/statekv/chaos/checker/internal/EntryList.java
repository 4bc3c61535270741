package io.statekv.chaos.checker.internal;

import io.statekv.chaos.history.Operation;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The call and return entries of a sub-history as a doubly-linked list in real-time order, with
 * Lowe's lift and unlift: linearizing an operation removes its call and return entries in O(1),
 * and backtracking puts them back in O(1) because removed entries keep their links.
 *
 * <p>Indeterminate operations return after every determinate one, since they may take effect at
 * any later point. Not thread-safe: one search owns one list.
 */
public final class EntryList {

  /** One call or return. */
  public static final class Entry {
    /** The operation's position in the sub-history, which is its bit in the linearized set. */
    public final int id;
    public final Operation operation;
    public final boolean isCall;
    /** For a call, its return; for a return, its call. */
    public Entry match;
    public Entry prev;
    public Entry next;
    final long position;

    Entry(int id, Operation operation, boolean isCall, long position) {
      this.id = id;
      this.operation = operation;
      this.isCall = isCall;
      this.position = position;
    }
  }

  private final Entry head = new Entry(-1, null, false, Long.MIN_VALUE);

  /** Builds the list of the operations, whose ids are their positions in {@code operations}. */
  public EntryList(List<Operation> operations) {
    Entry[] entries = new Entry[operations.size() * 2];
    for (int id = 0; id < operations.size(); id++) {
      Operation op = operations.get(id);
      long returnAt = op.isIndeterminate()
          ? (long) Integer.MAX_VALUE + op.invokeIndex() : op.effectDeadlineIndex();
      Entry call = new Entry(id, op, true, op.invokeIndex());
      Entry ret = new Entry(id, op, false, returnAt);
      call.match = ret;
      ret.match = call;
      entries[2 * id] = call;
      entries[2 * id + 1] = ret;
    }
    Arrays.sort(entries, Comparator.comparingLong(e -> e.position));
    Entry last = head;
    for (Entry entry : entries) {
      last.next = entry;
      entry.prev = last;
      last = entry;
    }
  }

  /** The first entry still in the list, or null when every operation is linearized. */
  public Entry first() {
    return head.next;
  }

  /** Removes a call entry and its return from the list. */
  public static void lift(Entry call) {
    unlink(call);
    unlink(call.match);
  }

  /** Puts back a call entry and its return; the reverse of the matching {@link #lift}. */
  public static void unlift(Entry call) {
    relink(call.match);
    relink(call);
  }

  private static void unlink(Entry entry) {
    entry.prev.next = entry.next;
    if (entry.next != null) {
      entry.next.prev = entry.prev;
    }
  }

  private static void relink(Entry entry) {
    entry.prev.next = entry;
    if (entry.next != null) {
      entry.next.prev = entry;
    }
  }
}
