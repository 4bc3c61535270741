package io.statekv.bench.load;

/** One request a workload issues; a driver maps it onto its system's client. */
public enum Operation {
  /** Writes a key's value unconditionally. */
  PUT,
  /** Reads a key linearizably. */
  GET,
  /** Reads a key from the answering member's state, possibly stale. */
  GET_SERIALIZABLE,
  /** Reads a key linearizably, then writes it only if its revision is still the one read. */
  CAS
}
