package io.statekv.storage.internal;

import java.util.ArrayList;
import java.util.Arrays;

/**
 * The sorted keys of one scope, as UTF-8 byte arrays in unsigned byte order.
 *
 * <p>A million keys must fit in little heap, so keys sit in pages of sorted arrays rather than one
 * tree node per key: a key costs its byte array plus a slot in a page, about half of a {@code
 * TreeMap} of strings. Pages split when full; a key added after the last key of the scope starts a
 * new page instead, so keys inserted in order (a snapshot load) fill pages completely.
 *
 * <p>Not thread-safe: the store guards it with its lock.
 */
final class ScopeKeys {
  /** Keys per page. */
  static final int PAGE_KEYS_MAX = 128;

  private final ArrayList<Page> pages = new ArrayList<>();
  private long size;

  long size() {
    return size;
  }

  /** Adds a key; returns false when it is already present. */
  boolean add(byte[] key) {
    if (pages.isEmpty()) {
      pages.add(new Page());
    }
    int p = pageFor(key);
    Page page = pages.get(p);
    int slot = page.search(key);
    if (slot >= 0) {
      return false;
    }
    slot = -slot - 1;
    if (page.count == PAGE_KEYS_MAX) {
      if (slot == PAGE_KEYS_MAX && p == pages.size() - 1) {
        page = new Page();
        pages.add(page);
        slot = 0;
      } else {
        Page upper = page.splitUpperHalf();
        pages.add(p + 1, upper);
        if (slot > page.count) {
          slot -= page.count;
          page = upper;
        }
      }
    }
    page.insert(slot, key);
    size++;
    return true;
  }

  /** Removes a key; returns false when it was absent. */
  boolean remove(byte[] key) {
    if (pages.isEmpty()) {
      return false;
    }
    int p = pageFor(key);
    Page page = pages.get(p);
    int slot = page.search(key);
    if (slot < 0) {
      return false;
    }
    page.delete(slot);
    size--;
    if (page.count == 0) {
      pages.remove(p);
    }
    return true;
  }

  /** The stored array equal to {@code key}, or null; lets indexes share one array per key. */
  byte[] find(byte[] key) {
    if (pages.isEmpty()) {
      return null;
    }
    Page page = pages.get(pageFor(key));
    int slot = page.search(key);
    return slot >= 0 ? page.keys[slot] : null;
  }

  /** A cursor before the first key; walks every key. */
  Cursor first() {
    return new Cursor();
  }

  /** A cursor before the first key after {@code from}, or at it when {@code inclusive}. */
  Cursor from(byte[] from, boolean inclusive) {
    Cursor c = new Cursor();
    if (pages.isEmpty()) {
      return c;
    }
    c.page = pageFor(from);
    int slot = pages.get(c.page).search(from);
    c.slot = slot >= 0 ? (inclusive ? slot : slot + 1) : -slot - 1;
    return c;
  }

  /** Walks keys in order. Invalidated by any change to the scope. */
  final class Cursor {
    private int page;
    private int slot;

    /** The next key, or null at the end. */
    byte[] next() {
      while (page < pages.size()) {
        Page current = pages.get(page);
        if (slot < current.count) {
          return current.keys[slot++];
        }
        page++;
        slot = 0;
      }
      return null;
    }
  }

  /** The last page whose first key is at or before {@code key}, or the first page. */
  private int pageFor(byte[] key) {
    int lo = 0;
    int hi = pages.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (NameOrder.UTF8.compare(pages.get(mid).keys[0], key) <= 0) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** A sorted run of keys. */
  private static final class Page {
    final byte[][] keys = new byte[PAGE_KEYS_MAX][];
    int count;

    int search(byte[] key) {
      return Arrays.binarySearch(keys, 0, count, key, NameOrder.UTF8);
    }

    void insert(int slot, byte[] key) {
      System.arraycopy(keys, slot, keys, slot + 1, count - slot);
      keys[slot] = key;
      count++;
    }

    void delete(int slot) {
      System.arraycopy(keys, slot + 1, keys, slot, count - slot - 1);
      keys[--count] = null;
    }

    Page splitUpperHalf() {
      Page upper = new Page();
      int half = count / 2;
      upper.count = count - half;
      System.arraycopy(keys, half, upper.keys, 0, upper.count);
      Arrays.fill(keys, half, count, null);
      count = half;
      return upper;
    }
  }
}
