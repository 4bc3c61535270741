package io.statekv.chaos.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Objects;

/**
 * One line of a history: a client (or the nemesis) invoking an operation or learning its end.
 *
 * <p>Immutable and thread-safe as long as nobody changes the {@code value} node after the op is
 * made (Jackson nodes are mutable). Real-time order is the order of ops in the {@link History}; the
 * optional {@code time} is for reports and time-based checkers, not for ordering.
 *
 * @param index position of the op in its history, from 0; {@link #INDEX_UNASSIGNED} until the op
 *     is placed in a history
 * @param process the client that issued the op, at least 0, or {@link #NEMESIS_PROCESS}
 * @param type invoke, ok, fail or info
 * @param f the function, such as {@code read}, {@code write}, {@code cas} or {@code txn}
 * @param value the argument on invoke and the result on completion; JSON null when absent, never
 *     Java null
 * @param time nanoseconds since the start of the run on a monotonic clock, or {@link
 *     #TIME_UNKNOWN}
 * @param error why the op failed or is indeterminate, or null
 */
public record Op(
    int index, long process, OpType type, String f, JsonNode value, long time, String error) {

  /** The process id of the fault injector, written as {@code "nemesis"} in JSON lines. */
  public static final long NEMESIS_PROCESS = -1;

  /** The time of an op whose time was not recorded. */
  public static final long TIME_UNKNOWN = -1;

  /** The index of an op not yet placed in a history. */
  public static final int INDEX_UNASSIGNED = -1;

  public Op {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(f, "f");
    if (f.isEmpty()) {
      throw new IllegalArgumentException("f must not be empty");
    }
    if (process < 0 && process != NEMESIS_PROCESS) {
      throw new IllegalArgumentException("process must be at least 0, got " + process);
    }
    if (time < 0 && time != TIME_UNKNOWN) {
      throw new IllegalArgumentException("time must be at least 0, got " + time);
    }
    value = value == null ? NullNode.getInstance() : value;
  }

  /** An op not yet placed in a history, without a time or an error. */
  public static Op of(long process, OpType type, String f, JsonNode value) {
    return new Op(INDEX_UNASSIGNED, process, type, f, value, TIME_UNKNOWN, null);
  }

  /** This op at another position in a history. */
  public Op withIndex(int newIndex) {
    return new Op(newIndex, process, type, f, value, time, error);
  }

  /** This op with another value. */
  public Op withValue(JsonNode newValue) {
    return new Op(index, process, type, f, newValue, time, error);
  }

  /** This op with a recorded time. */
  public Op withTime(long newTime) {
    return new Op(index, process, type, f, value, newTime, error);
  }

  /** This op with an error. */
  public Op withError(String newError) {
    return new Op(index, process, type, f, value, time, newError);
  }

  /** True if the nemesis, not a client, recorded this op. */
  public boolean isNemesis() {
    return process == NEMESIS_PROCESS;
  }

  /** True if a time was recorded. */
  public boolean hasTime() {
    return time != TIME_UNKNOWN;
  }

  /** The 1-based line of this op in its history file. */
  public int line() {
    return index + 1;
  }

  /** A short human-readable form, such as {@code line 12: p3 ok read 5}. */
  @Override
  public String toString() {
    String who = isNemesis() ? "nemesis" : "p" + process;
    String suffix = error == null ? "" : " (" + error + ")";
    return "line " + line() + ": " + who + " " + type.wireName() + " " + f + " " + value + suffix;
  }
}
