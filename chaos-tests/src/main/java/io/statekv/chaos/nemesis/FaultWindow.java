package io.statekv.chaos.nemesis;

import java.util.List;
import java.util.Objects;

/**
 * When a fault was in force, for the history and the report. Immutable.
 *
 * @param kind the nemesis, such as {@code kill}
 * @param targets the node ids affected
 * @param description what was done
 * @param startNanos when it was injected, in nanoseconds since the run started
 * @param endNanos when it was healed, or {@link #OPEN} while still in force
 */
public record FaultWindow(String kind, List<String> targets, String description, long startNanos,
    long endNanos) {
  /** The end of a window still open. */
  public static final long OPEN = -1;

  public FaultWindow {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(description, "description");
    targets = List.copyOf(targets);
    if (endNanos != OPEN && endNanos < startNanos) {
      throw new IllegalArgumentException("a fault window cannot end (" + endNanos
          + ") before it starts (" + startNanos + ")");
    }
  }

  /** This window, closed at {@code end}. */
  public FaultWindow closedAt(long end) {
    return new FaultWindow(kind, targets, description, startNanos, end);
  }

  public boolean isOpen() {
    return endNanos == OPEN;
  }
}
