package io.statekv.storage.internal;

import io.statekv.storage.Entry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * Entries that have an expiry, ordered by (expires_at, scope, key), so that the entries due at a
 * time are a prefix of the order. Entries without an expiry are not in it.
 *
 * <p>Not thread-safe: the store guards it with its lock.
 */
final class ExpiryIndex {
  /** One expiring entry, with its key as UTF-8. */
  record Due(long expiresAt, String scope, byte[] key) {}

  private static final Comparator<Due> ORDER =
      Comparator.comparingLong(Due::expiresAt)
          .thenComparing(Due::scope, NameOrder.STRINGS)
          .thenComparing(Due::key, NameOrder.UTF8);

  private final TreeSet<Due> items = new TreeSet<>(ORDER);

  void add(long expiresAt, String scope, byte[] key) {
    if (expiresAt != Entry.NO_EXPIRY && !items.add(new Due(expiresAt, scope, key))) {
      throw new IllegalStateException("expiry already indexed for a key of scope " + scope);
    }
  }

  void remove(long expiresAt, String scope, byte[] key) {
    if (expiresAt != Entry.NO_EXPIRY && !items.remove(new Due(expiresAt, scope, key))) {
      throw new IllegalStateException("expiry not indexed for a key of scope " + scope);
    }
  }

  /** The earliest expiry, or {@link Long#MAX_VALUE} when nothing expires. */
  long nextExpiryAt() {
    return items.isEmpty() ? Long.MAX_VALUE : items.first().expiresAt();
  }

  long size() {
    return items.size();
  }

  /**
   * Up to {@code max} entries due at {@code nowMillis} (expires_at at or before it), earliest
   * expiry first, skipping those {@code skip} rejects as (scope, key).
   */
  List<Due> due(long nowMillis, int max, BiPredicate<String, byte[]> skip) {
    List<Due> out = new ArrayList<>();
    Iterator<Due> it = items.iterator();
    while (out.size() < max && it.hasNext()) {
      Due d = it.next();
      if (d.expiresAt() > nowMillis) {
        break;
      }
      if (!skip.test(d.scope(), d.key())) {
        out.add(d);
      }
    }
    return out;
  }
}
