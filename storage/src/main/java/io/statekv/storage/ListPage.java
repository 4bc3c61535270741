package io.statekv.storage;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param entries live entries in key order; with {@code keys_only} their value is null
 * @param nextAfter the cursor for the next page, or null when this page is the last
 */
public record ListPage(List<Entry> entries, String nextAfter) {
  public ListPage {
    entries = List.copyOf(entries);
  }
}
