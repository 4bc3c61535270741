package io.statekv.storage.internal;

import java.util.ArrayList;
import java.util.Arrays;

/**
 * The sorted keys of one scope, as UTF-8 in unsigned byte order, packed into pages.
 *
 * <p>A million keys must fit in little heap, so a page stores its keys back to back in one byte
 * array with a 16-bit end offset per key: a key costs its bytes plus two, instead of an object
 * per key (a {@code TreeMap} of strings costs about 90 bytes for a short key). A page holds at
 * most {@link #PAGE_KEYS_MAX} keys and {@link #PAGE_BYTES_MAX} bytes, and splits in half when
 * full; a key added after the last key of the scope starts a new page instead, so keys inserted
 * in order (a snapshot load) fill pages completely.
 *
 * <p>Not thread-safe: the store guards it with its lock.
 */
final class ScopeKeys {
  static final int PAGE_KEYS_MAX = 256;

  /** Bytes of keys per page; the longest key always fits in an empty page. */
  static final int PAGE_BYTES_MAX = 8 * 1024;

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
    Page last = pages.get(pages.size() - 1);
    if (last.count > 0 && last.compareAt(last.count - 1, key) < 0) {
      return append(last, key);
    }
    int p = pageFor(key);
    Page page = pages.get(p);
    int slot = page.search(key);
    if (slot >= 0) {
      return false;
    }
    slot = -slot - 1;
    if (!page.fits(key)) {
      if (slot == page.count && p == pages.size() - 1) {
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

  /** Adds a key after every key of the scope: the path of in-order inserts. */
  private boolean append(Page last, byte[] key) {
    if (!last.fits(key)) {
      last = new Page();
      pages.add(last);
    }
    last.insert(last.count, key);
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

  boolean contains(byte[] key) {
    return !pages.isEmpty() && pages.get(pageFor(key)).search(key) >= 0;
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

    /** A copy of the next key, or null at the end. */
    byte[] next() {
      while (page < pages.size()) {
        Page current = pages.get(page);
        if (slot < current.count) {
          return current.key(slot++);
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
      if (pages.get(mid).compareAt(0, key) <= 0) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** Sorted keys stored back to back; key i spans [start(i), ends[i]). */
  private static final class Page {
    byte[] data = new byte[64];
    char[] ends = new char[8];
    int count;

    private int start(int i) {
      return i == 0 ? 0 : ends[i - 1];
    }

    private int used() {
      return start(count);
    }

    boolean fits(byte[] key) {
      return count < PAGE_KEYS_MAX && used() + key.length <= PAGE_BYTES_MAX;
    }

    int compareAt(int i, byte[] key) {
      return Arrays.compareUnsigned(data, start(i), ends[i], key, 0, key.length);
    }

    byte[] key(int i) {
      return Arrays.copyOfRange(data, start(i), ends[i]);
    }

    int search(byte[] key) {
      int lo = 0;
      int hi = count - 1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        int c = compareAt(mid, key);
        if (c < 0) {
          lo = mid + 1;
        } else if (c > 0) {
          hi = mid - 1;
        } else {
          return mid;
        }
      }
      return -(lo + 1);
    }

    void insert(int slot, byte[] key) {
      int used = used();
      int at = start(slot);
      if (used + key.length > data.length) {
        data = Arrays.copyOf(data, Math.min(PAGE_BYTES_MAX, Math.max(used + key.length, data.length * 3 / 2)));
      }
      if (count == ends.length) {
        ends = Arrays.copyOf(ends, Math.min(PAGE_KEYS_MAX, count * 3 / 2 + 1));
      }
      System.arraycopy(data, at, data, at + key.length, used - at);
      System.arraycopy(key, 0, data, at, key.length);
      for (int i = count; i > slot; i--) {
        ends[i] = (char) (ends[i - 1] + key.length);
      }
      ends[slot] = (char) (at + key.length);
      count++;
    }

    void delete(int slot) {
      int at = start(slot);
      int length = ends[slot] - at;
      System.arraycopy(data, ends[slot], data, at, used() - ends[slot]);
      for (int i = slot; i < count - 1; i++) {
        ends[i] = (char) (ends[i + 1] - length);
      }
      count--;
    }

    Page splitUpperHalf() {
      int half = count / 2;
      int from = start(half);
      int used = used();
      Page upper = new Page();
      upper.data = Arrays.copyOfRange(data, from, Math.max(from + 64, used));
      upper.ends = new char[Math.max(8, count - half)];
      for (int i = half; i < count; i++) {
        upper.ends[i - half] = (char) (ends[i] - from);
      }
      upper.count = count - half;
      count = half;
      data = Arrays.copyOf(data, Math.max(64, from + from / 4));
      ends = Arrays.copyOf(ends, Math.max(8, half + half / 4));
      return upper;
    }
  }
}
