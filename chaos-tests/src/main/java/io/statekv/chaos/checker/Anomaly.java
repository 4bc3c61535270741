package io.statekv.chaos.checker;

import io.statekv.chaos.history.Op;
import java.util.List;
import java.util.Objects;

/**
 * One violation a checker found, with the ops that show it.
 *
 * @param kind a stable name, such as {@code lost}, {@code G1c} or {@code gap}
 * @param message what is wrong, in full words
 * @param ops the history lines involved, possibly none (a watch event is not a history line)
 */
public record Anomaly(String kind, String message, List<Op> ops) {

  public Anomaly {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
    ops = List.copyOf(ops);
  }

  /** An anomaly that no history line shows by itself. */
  public static Anomaly of(String kind, String message) {
    return new Anomaly(kind, message, List.of());
  }

  @Override
  public String toString() {
    return kind + ": " + message;
  }
}
