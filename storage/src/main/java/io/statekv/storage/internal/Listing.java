package io.statekv.storage.internal;

import io.statekv.storage.Entry;
import io.statekv.storage.Limits;
import io.statekv.storage.ListPage;
import io.statekv.storage.ListQuery;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pages through one scope's live entries in key order, for {@code list}.
 *
 * <p>Entries expired at the reader's time are skipped. The cursor of a full page is its last key,
 * and only when a further live entry matches, so the last page never points at an empty one.
 * Runs under the store's read lock.
 */
final class Listing {
  private Listing() {}

  /** @throws IllegalArgumentException for a limit outside 1..{@link Limits#LIST_LIMIT_MAX} */
  static ListPage list(StoredState stored, ListQuery q, long nowMillis) {
    if (q.limit() < 1 || q.limit() > Limits.LIST_LIMIT_MAX) {
      throw new IllegalArgumentException(
          "list limit must be within [1, " + Limits.LIST_LIMIT_MAX + "]: " + q.limit());
    }
    ScopeIndex.Scope scope = q.scope() == null ? null : stored.scopes().scope(q.scope());
    byte[] prefix = q.prefix().getBytes(StandardCharsets.UTF_8);
    byte[] after = q.after().getBytes(StandardCharsets.UTF_8);
    if (scope == null) {
      return new ListPage(List.of(), null);
    }
    ScopeKeys.Cursor cursor =
        after.length > 0 && Arrays.compareUnsigned(after, prefix) >= 0
            ? scope.keys.from(after, false)
            : scope.keys.from(prefix, true);
    List<Entry> page = new ArrayList<>(Math.min(q.limit(), 256));
    for (byte[] key = cursor.next(); key != null && startsWith(key, prefix); key = cursor.next()) {
      byte[] entryKey = scope.mapKey(key);
      boolean withValue = !q.keysOnly() && page.size() < q.limit();
      String k = new String(key, StandardCharsets.UTF_8);
      Entry e = stored.values().read(scope.name, k, entryKey, nowMillis, withValue);
      if (e == null) {
        continue;
      }
      if (page.size() == q.limit()) {
        return new ListPage(page, page.get(page.size() - 1).key());
      }
      page.add(e);
    }
    return new ListPage(page, null);
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }
}
