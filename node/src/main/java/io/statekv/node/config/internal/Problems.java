package io.statekv.node.config.internal;

import io.statekv.node.config.HostPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one config while it is validated, so that all are reported at once. */
final class Problems {
  private final List<String> list = new ArrayList<>();

  void add(String field, String problem) {
    list.add(field + ": " + problem);
  }

  /** A problem already written as "field: what is wrong". */
  void addLine(String problem) {
    list.add(problem);
  }

  List<String> list() {
    return List.copyOf(list);
  }

  boolean isEmpty() {
    return list.isEmpty();
  }

  /** A required address, or null (with a problem) when absent or malformed. */
  HostPort address(String field, String text) {
    if (text == null) {
      add(field, "is required (host:port)");
      return null;
    }
    try {
      return HostPort.parse(text);
    } catch (IllegalArgumentException e) {
      add(field, e.getMessage());
      return null;
    }
  }

  /** A required, non-blank string, or null (with a problem). */
  String required(String field, String text) {
    if (text == null || text.isBlank()) {
      add(field, "is required");
      return null;
    }
    return text;
  }

  /** {@code value}, or {@code fallback} when absent; a problem when outside [min, max]. */
  long inRange(String field, Long value, long fallback, long min, long max) {
    long v = value == null ? fallback : value;
    if (v < min || v > max) {
      add(field, v + " is outside [" + min + ", " + max + "]");
    }
    return v;
  }

  int inRange(String field, Integer value, int fallback, int min, int max) {
    return (int) inRange(field, value == null ? null : value.longValue(), fallback, min, max);
  }

  Duration millis(String field, Long value, Duration fallback, Duration min, Duration max) {
    long ms = inRange(field, value, fallback.toMillis(), min.toMillis(), max.toMillis());
    return Duration.ofMillis(ms);
  }
}
