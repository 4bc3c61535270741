package io.statekv.chaos.nemesis;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * A fault in force: what was done, to which nodes, and how to undo it. Immutable; {@link #heal()}
 * must be called once, by the thread that injected it.
 *
 * @param kind the nemesis that injected it, such as {@code partition-halves}
 * @param targets the node ids it affects, in a stable order
 * @param description what was done, in words, for the history and the report
 * @param healer undoes it; a fault that ends by itself (a leader transfer) heals with a no-op
 */
public record Fault(String kind, List<String> targets, String description, Healer healer) {

  public Fault {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(healer, "healer");
    targets = List.copyOf(targets);
  }

  /** Undoes the fault. */
  public void heal() throws IOException {
    healer.heal();
  }

  /** Undoes one fault. */
  @FunctionalInterface
  public interface Healer {
    void heal() throws IOException;
  }
}
