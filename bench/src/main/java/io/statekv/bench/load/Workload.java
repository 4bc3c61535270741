package io.statekv.bench.load;

import java.util.Locale;
import java.util.random.RandomGenerator;

/** What the load generator asks for, request after request. Immutable. */
public enum Workload {
  PUT("put"),
  GET("get"),
  GET_SERIALIZABLE("get-serializable"),
  /** Half linearizable gets, half puts, chosen at random per request. */
  MIX("mix"),
  CAS("cas");

  private final String label;

  Workload(String label) {
    this.label = label;
  }

  /** The name on the command line and in reports, such as {@code get-serializable}. */
  public String label() {
    return label;
  }

  /** The next operation of this workload. */
  public Operation next(RandomGenerator random) {
    return switch (this) {
      case PUT -> Operation.PUT;
      case GET -> Operation.GET;
      case GET_SERIALIZABLE -> Operation.GET_SERIALIZABLE;
      case MIX -> random.nextBoolean() ? Operation.PUT : Operation.GET;
      case CAS -> Operation.CAS;
    };
  }

  /** Whether every operation of this workload writes (so its CPU per op is CPU per write). */
  public boolean writesOnly() {
    return this == PUT || this == CAS;
  }

  /**
   * The workload with this label.
   *
   * @throws IllegalArgumentException for an unknown label
   */
  public static Workload of(String label) {
    for (Workload w : values()) {
      if (w.label.equals(label.toLowerCase(Locale.ROOT))) {
        return w;
      }
    }
    throw new IllegalArgumentException("unknown workload '" + label + "'; expected put, get, get-serializable, mix or cas");
  }
}
