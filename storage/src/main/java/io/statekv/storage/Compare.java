package io.statekv.storage;

/**
 * One condition of a txn, evaluated against the state before the txn.
 *
 * <ul>
 *   <li>{@code VALUE}: the value compared with {@code value}; only {@code EQUAL} and {@code
 *       NOT_EQUAL}, by JSON meaning. A missing key equals nothing.
 *   <li>{@code REVISION}, {@code CREATE_REVISION}, {@code VERSION}: compared with {@code number};
 *       a missing key has 0 for each.
 *   <li>{@code EXISTS}: {@code number} 1 means "must exist", 0 "must not exist"; op {@code EQUAL}.
 *   <li>{@code CHANGED_SINCE}: true when the key's revision is greater than {@code number}.
 * </ul>
 */
public record Compare(String scope, String key, Target target, Op op, Json value, long number) {

  public enum Target {
    VALUE,
    REVISION,
    CREATE_REVISION,
    VERSION,
    EXISTS,
    CHANGED_SINCE
  }

  public enum Op {
    EQUAL,
    NOT_EQUAL,
    GREATER,
    LESS
  }
}
