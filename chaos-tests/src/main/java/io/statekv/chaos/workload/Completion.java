package io.statekv.chaos.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.statekv.chaos.history.OpType;
import java.util.Objects;

/**
 * How an operation ended, as recorded in the history. Immutable.
 *
 * @param type ok, fail or info
 * @param value the result for ok (in the checkers' format), otherwise the invocation's value
 * @param error why it failed or is indeterminate, or null
 */
public record Completion(OpType type, JsonNode value, String error) {
  public Completion {
    Objects.requireNonNull(type, "type");
    if (!type.isCompletion()) {
      throw new IllegalArgumentException("a completion is ok, fail or info, not " + type);
    }
    value = value == null ? NullNode.getInstance() : value;
  }

  public static Completion ok(JsonNode value) {
    return new Completion(OpType.OK, value, null);
  }

  /** The operation certainly did not take effect, such as a cas whose compare did not hold. */
  public static Completion fail(JsonNode value, String error) {
    return new Completion(OpType.FAIL, value, error);
  }
}
