package io.statekv.client;

import java.util.List;

/**
 * One page of a listing, in key order. Immutable.
 *
 * @param entries the entries of the page
 * @param nextAfter the cursor of the next page (pass it as {@link ListOptions#after()}); empty on
 *     the last page
 * @param more true when more entries may follow (the next page can still turn out empty)
 * @param revision the applied revision the page reflects at least
 */
public record ListPage(List<Entry> entries, String nextAfter, boolean more, long revision) {
  public ListPage {
    entries = List.copyOf(entries);
  }
}
