package io.statekv.client;

/** How fresh a read must be. */
public enum Consistency {
  /** The default: reflects every write acknowledged before the read started (a ReadIndex round). */
  LINEARIZABLE,
  /** Served by the leader under its lease, without a round trip; relies on bounded clock drift. */
  LEASE,
  /** The answering replica's own state, possibly stale; with a min revision, at least that fresh. */
  SERIALIZABLE
}
