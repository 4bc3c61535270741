package io.statekv.bench.load.internal;

/** A read found no value for a key the preload wrote: the data set is not what the run assumes. */
final class MissingKeyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  MissingKeyException() {
    super("the key has no value; was the preload run?", null, false, false);
  }
}
