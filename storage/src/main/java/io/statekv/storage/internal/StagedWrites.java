package io.statekv.storage.internal;

import io.statekv.storage.Entry;
import io.statekv.storage.Event;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;

/**
 * The changes of one log entry, staged over the stored state before they are committed.
 *
 * <p>Apply runs in two phases: it computes every request of a log entry against this overlay, and
 * then commits the final state of each touched key at once under the store's write lock. Readers
 * therefore see a whole log entry or none of it, and a failing request or txn rolls back to a
 * {@link Mark} by replaying an undo log, so that nothing of it remains.
 *
 * <p>Confined to the apply thread.
 */
final class StagedWrites {
  private final StoredState stored;
  private final HashMap<Address, Slot> slots = new HashMap<>();
  private final ArrayList<Undo> undo = new ArrayList<>();
  private final ArrayList<Event> events = new ArrayList<>();
  private long entriesDelta;
  private long bytesDelta;

  StagedWrites(StoredState stored) {
    this.stored = stored;
  }

  /** One touched key: what the store holds, and what it will hold after this log entry. */
  static final class Slot {
    final Address address;
    final Entry stored;
    Entry current;
    boolean dirty;

    Slot(Address address, Entry stored) {
      this.address = address;
      this.stored = stored;
      this.current = stored;
    }
  }

  private record Undo(Slot slot, Entry current, boolean dirty) {}

  /** A point to roll back to. */
  record Mark(int undo, int events, long entriesDelta, long bytesDelta) {}

  /** The key's entry as of now in this log entry, including one that has expired; or null. */
  Entry read(Address a) {
    return slot(a).current;
  }

  /** True when this log entry has changed the key. */
  boolean isDirty(Address a) {
    Slot s = slots.get(a);
    return s != null && s.dirty;
  }

  /** Stages the key's new entry, or its deletion when {@code next} is null. */
  void write(Address a, Entry next) {
    Slot s = slot(a);
    undo.add(new Undo(s, s.current, s.dirty));
    entriesDelta += (next != null ? 1 : 0) - (s.current != null ? 1 : 0);
    bytesDelta += bytesOf(a, next) - bytesOf(a, s.current);
    s.current = next;
    s.dirty = true;
  }

  void event(Event e) {
    events.add(e);
  }

  Mark mark() {
    return new Mark(undo.size(), events.size(), entriesDelta, bytesDelta);
  }

  /** Undoes every write and event since {@code m}. */
  void rollback(Mark m) {
    for (int i = undo.size() - 1; i >= m.undo(); i--) {
      Undo u = undo.remove(i);
      u.slot().current = u.current();
      u.slot().dirty = u.dirty();
    }
    events.subList(m.events(), events.size()).clear();
    entriesDelta = m.entriesDelta();
    bytesDelta = m.bytesDelta();
  }

  /** Stored entries after the staged changes. */
  long entries() {
    return stored.entries() + entriesDelta;
  }

  /** Stored bytes after the staged changes. */
  long bytes() {
    return stored.bytes() + bytesDelta;
  }

  List<Event> events() {
    return events;
  }

  Collection<Slot> slots() {
    return slots.values();
  }

  /** Bytes an entry counts against {@code state_bytes_max}: scope, key and value. */
  static long bytesOf(Address a, Entry e) {
    return e == null ? 0 : a.nameBytes() + (long) e.value().size();
  }

  private Slot slot(Address a) {
    Slot s = slots.get(a);
    if (s == null) {
      s = new Slot(a, stored.read(a));
      slots.put(a, s);
    }
    return s;
  }
}
