package io.statekv.client;

/**
 * Options of a read. Immutable.
 *
 * @param consistency how fresh the read must be
 * @param minRevision the read reflects at least this revision (0: no bound). With {@link
 *     Consistency#SERIALIZABLE} it gives read-your-writes on any node: pass the revision of your
 *     last write.
 */
public record ReadOptions(Consistency consistency, long minRevision) {
  /** Linearizable, no minimum revision. */
  public static final ReadOptions DEFAULT = new ReadOptions(Consistency.LINEARIZABLE, 0);

  public ReadOptions {
    if (consistency == null) {
      throw new NullPointerException("consistency");
    }
    if (minRevision < 0) {
      throw new IllegalArgumentException("minRevision must not be negative: " + minRevision);
    }
  }

  public static ReadOptions of(Consistency consistency) {
    return new ReadOptions(consistency, 0);
  }

  public ReadOptions withMinRevision(long revision) {
    return new ReadOptions(consistency, revision);
  }
}
