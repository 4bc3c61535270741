package io.statekv.chaos.checker;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a checker concluded: a verdict, the anomalies behind it and counts that describe the
 * history. Immutable.
 *
 * @param checker the checker's name, such as {@code set}
 * @param verdict valid, invalid or unknown; invalid exactly when there are anomalies
 * @param anomalies the violations found, in the order found
 * @param stats counts such as {@code ok-adds}, in insertion order
 * @param note why the verdict is unknown, or other context; empty when there is none
 */
public record CheckResult(
    String checker, Verdict verdict, List<Anomaly> anomalies, Map<String, Long> stats,
    String note) {

  public CheckResult {
    Objects.requireNonNull(checker, "checker");
    Objects.requireNonNull(verdict, "verdict");
    anomalies = List.copyOf(anomalies);
    stats = Collections.unmodifiableMap(new LinkedHashMap<>(stats));
    note = note == null ? "" : note;
    if ((verdict == Verdict.INVALID) != !anomalies.isEmpty()) {
      throw new IllegalArgumentException(
          "verdict " + verdict + " does not match " + anomalies.size() + " anomalies");
    }
  }

  /**
   * The usual result: invalid if there are anomalies, otherwise unknown when {@code decidable} is
   * false and valid when it is true.
   */
  public static CheckResult of(String checker, List<Anomaly> anomalies, Map<String, Long> stats,
      boolean decidable, String undecidedNote) {
    if (!anomalies.isEmpty()) {
      return new CheckResult(checker, Verdict.INVALID, anomalies, stats, "");
    }
    return decidable
        ? new CheckResult(checker, Verdict.VALID, anomalies, stats, "")
        : new CheckResult(checker, Verdict.UNKNOWN, anomalies, stats, undecidedNote);
  }

  /** The anomalies of one kind. */
  public List<Anomaly> anomalies(String kind) {
    return anomalies.stream().filter(a -> a.kind().equals(kind)).toList();
  }

  /** A human-readable report: verdict, note, stats and each anomaly. */
  public String report() {
    StringBuilder out = new StringBuilder();
    out.append(checker).append(": ").append(verdict.name().toLowerCase(java.util.Locale.ROOT));
    if (!note.isEmpty()) {
      out.append(" (").append(note).append(')');
    }
    out.append('\n');
    stats.forEach((name, count) -> out.append("  ").append(name).append(": ").append(count)
        .append('\n'));
    for (Anomaly anomaly : anomalies) {
      out.append("  ").append(anomaly).append('\n');
    }
    return out.toString();
  }
}
