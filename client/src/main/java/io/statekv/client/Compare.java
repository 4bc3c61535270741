package io.statekv.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.client.internal.JsonValues;

/**
 * One condition of a txn, evaluated against the state before the txn. A missing key has revision,
 * create revision and version 0, and equals no value. Immutable.
 *
 * <pre>{@code
 * Compare.version("users", "u1").greaterThan(2)
 * Compare.value("flags", "beta").equalTo(true)
 * Compare.exists("locks", "job-7")
 * Compare.changedSince("orders", "o9", 1200)
 * }</pre>
 */
public record Compare(String scope, String key, Target target, Op op, JsonNode value, long number) {

  /** What a compare looks at. */
  public enum Target {
    VALUE,
    REVISION,
    CREATE_REVISION,
    VERSION,
    EXISTS,
    CHANGED_SINCE
  }

  /** How it compares. A {@code VALUE} compare is {@code EQUAL} or {@code NOT_EQUAL}, by JSON meaning. */
  public enum Op {
    EQUAL,
    NOT_EQUAL,
    GREATER,
    LESS
  }

  public static ValueSubject value(String scope, String key) {
    return new ValueSubject(scope, key);
  }

  public static NumberSubject revision(String scope, String key) {
    return new NumberSubject(scope, key, Target.REVISION);
  }

  public static NumberSubject createRevision(String scope, String key) {
    return new NumberSubject(scope, key, Target.CREATE_REVISION);
  }

  public static NumberSubject version(String scope, String key) {
    return new NumberSubject(scope, key, Target.VERSION);
  }

  public static Compare exists(String scope, String key) {
    return new Compare(scope, key, Target.EXISTS, Op.EQUAL, null, 1);
  }

  public static Compare missing(String scope, String key) {
    return new Compare(scope, key, Target.EXISTS, Op.EQUAL, null, 0);
  }

  /** True when the key changed after {@code revision} (its revision is greater). */
  public static Compare changedSince(String scope, String key, long revision) {
    return new Compare(scope, key, Target.CHANGED_SINCE, Op.EQUAL, null, revision);
  }

  /** The value of a key, to compare with a JSON value. */
  public record ValueSubject(String scope, String key) {
    public Compare equalTo(Object value) {
      return new Compare(scope, key, Target.VALUE, Op.EQUAL, JsonValues.toTree(value), 0);
    }

    public Compare notEqualTo(Object value) {
      return new Compare(scope, key, Target.VALUE, Op.NOT_EQUAL, JsonValues.toTree(value), 0);
    }
  }

  /** A number of a key (revision, create revision or version), to compare with a number. */
  public record NumberSubject(String scope, String key, Target target) {
    public Compare equalTo(long number) {
      return new Compare(scope, key, target, Op.EQUAL, null, number);
    }

    public Compare notEqualTo(long number) {
      return new Compare(scope, key, target, Op.NOT_EQUAL, null, number);
    }

    public Compare greaterThan(long number) {
      return new Compare(scope, key, target, Op.GREATER, null, number);
    }

    public Compare lessThan(long number) {
      return new Compare(scope, key, target, Op.LESS, null, number);
    }
  }
}
