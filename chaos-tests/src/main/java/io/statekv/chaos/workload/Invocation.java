package io.statekv.chaos.workload;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One operation a workload asks a client process to perform. Immutable.
 *
 * @param f the function, as the checkers name it ({@code read}, {@code write}, {@code cas},
 *     {@code add}, {@code txn})
 * @param value the argument, in the checkers' format
 * @param readOnly true when the operation cannot change state, so that any failure of it is a
 *     definite {@code fail}: a read that never returned had no effect
 */
public record Invocation(String f, JsonNode value, boolean readOnly) {
  public Invocation {
    Objects.requireNonNull(f, "f");
    Objects.requireNonNull(value, "value");
  }
}
