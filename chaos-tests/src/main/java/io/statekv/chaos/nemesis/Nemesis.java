package io.statekv.chaos.nemesis;

import java.io.IOException;

/**
 * A kind of fault the harness can inject into a running cluster, such as killing a node or
 * partitioning the network. Implementations are stateless; every choice comes from the context's
 * seeded random source, so that a seed replays the same choices.
 */
public interface Nemesis {

  /** The name on the command line, such as {@code kill} or {@code partition-halves}. */
  String name();

  /**
   * Injects one fault and returns it, still in force. When the cluster offers nothing to act on
   * (no leader known, no snapshot on disk), the fault says so in its description and heals with
   * a no-op.
   *
   * @throws IOException if Docker, iptables or a file operation fails
   */
  Fault inject(NemesisContext context) throws IOException;
}
