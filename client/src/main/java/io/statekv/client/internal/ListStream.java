package io.statekv.client.internal;

import io.statekv.client.Entry;
import io.statekv.client.ListOptions;
import io.statekv.client.ListPage;
import io.statekv.client.ReadOptions;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Pages through a listing as a stream: each page is fetched (blocking) when the previous one is
 * used up, from the previous page's cursor, and at least as fresh as every page before it.
 */
final class ListStream implements Iterator<Entry> {
  private final Function<ListOptions, ListPage> fetch;
  private ListOptions next;
  private ListPage page;
  private int index;
  private boolean last;

  private ListStream(Function<ListOptions, ListPage> fetch, ListOptions first) {
    this.fetch = fetch;
    this.next = first;
  }

  static Stream<Entry> of(Function<ListOptions, ListPage> fetch, ListOptions first) {
    ListStream pages = new ListStream(fetch, first);
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT), false);
  }

  @Override
  public boolean hasNext() {
    while (page == null || index >= page.entries().size()) {
      if (last) {
        return false;
      }
      page = fetch.apply(next);
      index = 0;
      last = !page.more() || page.nextAfter().isEmpty();
      ReadOptions read = next.read();
      next = next.withAfter(page.nextAfter())
          .withRead(read.withMinRevision(Math.max(read.minRevision(), page.revision())));
    }
    return true;
  }

  @Override
  public Entry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return page.entries().get(index++);
  }
}
