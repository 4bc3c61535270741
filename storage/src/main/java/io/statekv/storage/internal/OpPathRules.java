package io.statekv.storage.internal;

import io.statekv.storage.Limits;
import io.statekv.storage.UpdateError;
import java.util.List;

/**
 * iii's path validation, run before an op touches the value: at most {@link
 * Limits#PATH_DEPTH_MAX} segments, then for each segment in order: not empty, at most {@link
 * Limits#PATH_SEGMENT_BYTES_MAX} UTF-8 bytes, not a prototype-pollution name. The first failure is
 * the op's only error. Stateless and thread-safe.
 */
final class OpPathRules {
  private OpPathRules() {}

  /** The segments of a first-level field: none for the root ({@code ""}), else the field itself. */
  static List<String> fieldSegments(String field) {
    return field.isEmpty() ? List.of() : List.of(field);
  }

  /** Returns the op's error, or null when the path may be used. */
  static UpdateError check(int opIndex, String op, List<String> segments) {
    if (segments.size() > Limits.PATH_DEPTH_MAX) {
      return new UpdateError(
          opIndex,
          op + ".path.too_deep",
          "Path depth " + segments.size() + " exceeds maximum of " + Limits.PATH_DEPTH_MAX);
    }
    for (String segment : segments) {
      if (segment.isEmpty()) {
        return new UpdateError(opIndex, op + ".path.empty_segment", "Path contains an empty segment");
      }
      int bytes = Utf8.encodedLength(segment);
      if (bytes > Limits.PATH_SEGMENT_BYTES_MAX) {
        return new UpdateError(
            opIndex,
            op + ".path.segment_too_long",
            "Path segment of " + bytes + " bytes exceeds maximum of " + Limits.PATH_SEGMENT_BYTES_MAX);
      }
      if (Limits.PROTO_POLLUTION_NAMES.contains(segment)) {
        return new UpdateError(
            opIndex,
            op + ".path.proto_polluted",
            "Path segment '" + segment + "' is not allowed (prototype pollution).");
      }
    }
    return null;
  }
}
