package io.statekv.raft.internal;

import java.util.Collection;
import java.util.Set;

/**
 * Spots a leader that still replicates to a peer no configuration names. Ratis 3.3.0 can leave a
 * log appender running for a peer that a committed change removed (an appender restarting while
 * the change removed the others; a chaos run showed a leader sending to a removed node for
 * minutes). Adding that peer back then gives the leader two appenders for it: the node answers one
 * of them "inconsistent" for ever, and the add never leaves staging. A leader with such an
 * appender hands leadership on before an add (a new leader starts its appenders afresh). Stateless.
 */
final class LeftoverAppender {
  private LeftoverAppender() {}

  /**
   * True when the leader replicates to {@code id} (a commit index is reported for it) although no
   * configuration, current or previous, names it and none of this leader's adds is staging it.
   *
   * @param member whether the current or the previous configuration names {@code id}
   * @param replicatedTo the peers the leader reports a commit index for: itself and its appenders'
   * @param staging the peers this leader's adds in flight are bringing up to date
   */
  static boolean present(String id, boolean member, Collection<String> replicatedTo, Set<String> staging) {
    return !member && !staging.contains(id) && replicatedTo.contains(id);
  }
}
