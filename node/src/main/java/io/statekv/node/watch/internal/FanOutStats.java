package io.statekv.node.watch.internal;

/**
 * Counters of the fan-out's work, for the node's metrics: written by the fan-out thread only,
 * read by any thread. How many deliveries a response carries and how many responses a flush
 * carries tell an operator how well the fan-out batches.
 */
public final class FanOutStats {
  private volatile long rounds;
  private volatile long responses;
  private volatile long deliveries;
  private volatile long flushes;

  /** Rounds that wrote to at least one transport. */
  public long rounds() {
    return rounds;
  }

  /** Watch responses written (events, progress notifications, cancellations). */
  public long responses() {
    return responses;
  }

  /** Events delivered, counted once per watch that receives them. */
  public long deliveries() {
    return deliveries;
  }

  /** Flushes of a transport: each hands what the round wrote to it to the socket at once. */
  public long flushes() {
    return flushes;
  }

  // The increments below run on the fan-out thread alone, so a volatile read-modify-write is safe.
  @SuppressWarnings("NonAtomicOperationOnVolatileField")
  void responded(int events, int streams) {
    responses++;
    deliveries += (long) events * streams;
  }

  @SuppressWarnings("NonAtomicOperationOnVolatileField")
  void flushed(int transports) {
    if (transports > 0) {
      rounds++;
      flushes += transports;
    }
  }
}
