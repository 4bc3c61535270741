package io.statekv.storage.internal;

import io.statekv.storage.Command;
import io.statekv.storage.Entry;
import io.statekv.storage.Event;
import io.statekv.storage.EventType;
import io.statekv.storage.Result;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The leader's expiry command: deletes up to {@code max} entries whose expiry is at or before the
 * entry's time.
 *
 * <p>When more than {@code max} are due, the ones that expired earliest go first (ties by scope,
 * then key), so that a backlog drains oldest first. The chosen entries are then deleted in
 * (scope, key) order, each firing {@code state:deleted} with reason {@code expired}. Keys this log
 * entry already changed are skipped: a write has either already deleted their expired entry or
 * given them a live one.
 */
final class ExpireCommand {
  private static final Comparator<ExpiryIndex.Due> KEY_ORDER =
      Comparator.comparing(ExpiryIndex.Due::scope, NameOrder.STRINGS)
          .thenComparing(ExpiryIndex.Due::key, NameOrder.UTF8);

  private final ApplyContext ctx;
  private final StoredState stored;

  ExpireCommand(ApplyContext ctx, StoredState stored) {
    this.ctx = ctx;
    this.stored = stored;
  }

  Result apply(Command.Expire c) {
    List<ExpiryIndex.Due> due =
        new ArrayList<>(
            stored.expiries().due(ctx.time, c.max(), (scope, key) -> ctx.staged.isDirty(address(scope, key))));
    due.sort(KEY_ORDER);
    for (ExpiryIndex.Due d : due) {
      Address a = address(d.scope(), d.key());
      Entry e = ctx.staged.read(a);
      ctx.staged.write(a, null);
      ctx.staged.event(
          new Event(ctx.revision, EventType.DELETED, a.scope, a.key, e.value(), null, Event.Reason.EXPIRED));
    }
    return new Result.Expired(due.size());
  }

  private static Address address(String scope, byte[] key) {
    return Address.of(scope, scope.getBytes(StandardCharsets.UTF_8), key);
  }
}
