package io.statekv.storage;

/**
 * A page request over one scope, in key order.
 *
 * @param prefix only keys that start with it; empty for all
 * @param after only keys strictly greater than it (the cursor of the previous page); empty to
 *     start from the beginning
 * @param limit 1..{@link Limits#LIST_LIMIT_MAX}
 * @param keysOnly when true, entries come back without their values
 */
public record ListQuery(String scope, String prefix, String after, int limit, boolean keysOnly) {
  public ListQuery {
    prefix = prefix == null ? "" : prefix;
    after = after == null ? "" : after;
  }
}
