package io.statekv.node.dispatch.internal;

import io.statekv.protocol.v1.GetRequest;
import io.statekv.protocol.v1.GetResponse;
import io.statekv.protocol.v1.ListGroupsResponse;
import io.statekv.protocol.v1.ListRequest;
import io.statekv.protocol.v1.ListResponse;
import io.statekv.storage.Entry;
import io.statekv.storage.ListPage;
import io.statekv.storage.ListQuery;
import io.statekv.storage.StateStore;

/**
 * Serves validated reads from a store, after the read barrier has passed. Each read reports the
 * applied revision it reflects at least (taken before reading, so it is a safe lower bound for a
 * later {@code min_revision}).
 *
 * <p>A list page is bounded twice: by its entry limit and by {@code pageBytesMax} of encoded
 * entries, so that a page of large values stays a bounded response. The store is read in chunks of
 * {@link #LIST_CHUNK_ENTRIES} so that a page cut short by bytes never materializes its whole limit.
 * Thread-safe when the store is.
 */
public final class StoreReads {
  /** Entries fetched from the store per step of a list. */
  static final int LIST_CHUNK_ENTRIES = 256;

  private final int listLimitDefault;
  private final int pageBytesMax;

  public StoreReads(int listLimitDefault, int pageBytesMax) {
    this.listLimitDefault = listLimitDefault;
    this.pageBytesMax = pageBytesMax;
  }

  public GetResponse get(StateStore store, GetRequest get, long barrierRevision, long now) {
    long revision = Math.max(barrierRevision, store.appliedRevision());
    Entry entry = store.get(get.getScope(), get.getKey(), now);
    GetResponse.Builder out = GetResponse.newBuilder().setRevision(revision);
    if (entry != null) {
      out.setEntry(ProtoViews.entry(entry, true));
    }
    return out.build();
  }

  public ListGroupsResponse listGroups(StateStore store, long barrierRevision, long now) {
    long revision = Math.max(barrierRevision, store.appliedRevision());
    return ListGroupsResponse.newBuilder().setRevision(revision).addAllGroups(store.listGroups(now)).build();
  }

  public ListResponse list(StateStore store, ListRequest list, long barrierRevision, long now) {
    ListResponse.Builder out = ListResponse.newBuilder()
        .setRevision(Math.max(barrierRevision, store.appliedRevision()));
    int remaining = list.getLimit() == 0 ? listLimitDefault : list.getLimit();
    String after = list.getAfter();
    long bytes = 0;
    while (true) {
      ListQuery query = new ListQuery(
          list.getScope(), list.getPrefix(), after, Math.min(remaining, LIST_CHUNK_ENTRIES), list.getKeysOnly());
      ListPage page = store.list(query, now);
      if (page.entries().isEmpty()) {
        return out.setMore(false).build();
      }
      for (int i = 0; i < page.entries().size(); i++) {
        Entry entry = page.entries().get(i);
        io.statekv.protocol.v1.Entry wire = ProtoViews.entry(entry, !list.getKeysOnly());
        out.addEntries(wire);
        bytes += wire.getSerializedSize();
        remaining--;
        after = entry.key();
        boolean lastOfAll = i == page.entries().size() - 1 && page.nextAfter() == null;
        if (bytes >= pageBytesMax && !lastOfAll) {
          return out.setMore(true).setNextAfter(after).build();
        }
      }
      if (page.nextAfter() == null) {
        return out.setMore(false).build();
      }
      after = page.nextAfter();
      if (remaining == 0) {
        return out.setMore(true).setNextAfter(after).build();
      }
    }
  }
}
