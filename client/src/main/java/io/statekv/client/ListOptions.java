package io.statekv.client;

/**
 * Options of a list. Immutable.
 *
 * @param prefix only keys starting with it; empty for all
 * @param limit entries per page, 1 to 10,000; 0 lets the node choose (1,000 by default). A page
 *     may also end early when its encoded size reaches the node's page byte bound.
 * @param after only keys strictly greater than it (the {@link ListPage#nextAfter()} of the
 *     previous page); empty to start at the beginning
 * @param keysOnly entries without their values
 * @param read the read's consistency
 */
public record ListOptions(String prefix, int limit, String after, boolean keysOnly, ReadOptions read) {
  public static final ListOptions DEFAULT = new ListOptions("", 0, "", false, ReadOptions.DEFAULT);

  public ListOptions {
    prefix = prefix == null ? "" : prefix;
    after = after == null ? "" : after;
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
    if (read == null) {
      throw new NullPointerException("read");
    }
  }

  public ListOptions withPrefix(String value) {
    return new ListOptions(value, limit, after, keysOnly, read);
  }

  public ListOptions withLimit(int value) {
    return new ListOptions(prefix, value, after, keysOnly, read);
  }

  public ListOptions withAfter(String value) {
    return new ListOptions(prefix, limit, value, keysOnly, read);
  }

  public ListOptions withKeysOnly(boolean value) {
    return new ListOptions(prefix, limit, after, value, read);
  }

  public ListOptions withRead(ReadOptions value) {
    return new ListOptions(prefix, limit, after, keysOnly, value);
  }
}
