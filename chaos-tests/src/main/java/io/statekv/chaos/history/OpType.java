package io.statekv.chaos.history;

import java.util.Locale;

/**
 * What a history line records: the start of an operation or one of its three possible ends.
 *
 * <p>{@link #OK} means the operation happened, {@link #FAIL} that it certainly did not take
 * effect, and {@link #INFO} that its outcome is unknown: it may take effect at any moment after
 * its invocation, or never.
 */
public enum OpType {
  INVOKE,
  OK,
  FAIL,
  INFO;

  /** The name used in the JSON-lines format: {@code invoke}, {@code ok}, {@code fail} or {@code info}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a wire name.
   *
   * @throws IllegalArgumentException if the name is not one of the four types
   */
  public static OpType fromWireName(String name) {
    for (OpType type : values()) {
      if (type.wireName().equals(name)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "unknown op type '" + name + "' (expected invoke, ok, fail or info)");
  }

  /** True for the three types that end an operation. */
  public boolean isCompletion() {
    return this != INVOKE;
  }
}
