package io.statekv.storage;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.storage.internal.CompactJsonScanner;
import io.statekv.storage.internal.Utf8;
import java.nio.charset.StandardCharsets;

/**
 * The data-model rules for scopes, keys and values, shared by the edge (which rejects bad input
 * before it reaches the log) and the core (which asserts them again).
 *
 * <p>Each check returns null when the input is valid, or a message that says what is wrong.
 *
 * <p>A Java {@code String} cannot hold malformed UTF-8, so the rules for text start at the edge:
 * names and JSON that arrive as bytes are decoded with {@link #decodeUtf8Strict} or {@link
 * JsonCodec#parse}, which refuse malformed bytes instead of replacing them with U+FFFD. The checks
 * here then refuse the unpaired surrogates that a string can still hold. Stateless and
 * thread-safe.
 */
public final class Validation {
  private Validation() {}

  /** 1..{@link Limits#SCOPE_BYTES_MAX} UTF-8 bytes, valid UTF-16, no control characters. */
  public static String checkScope(String scope) {
    return io.statekv.storage.internal.NameRules.check("scope", scope, Limits.SCOPE_BYTES_MAX);
  }

  /** Scopes starting with {@code _} are reserved for the system and refused to clients. */
  public static String checkClientScope(String scope) {
    String problem = checkScope(scope);
    if (problem == null && scope.startsWith("_")) {
      return "scope '" + scope + "' is reserved: scopes starting with '_' belong to the system";
    }
    return problem;
  }

  /** 1..{@link Limits#KEY_BYTES_MAX} UTF-8 bytes, valid UTF-16, no control characters. */
  public static String checkKey(String key) {
    return io.statekv.storage.internal.NameRules.check("key", key, Limits.KEY_BYTES_MAX);
  }

  /** At most {@link Limits#VALUE_DEPTH_MAX} levels deep and {@code valueBytesMax} compact bytes. */
  public static String checkValue(Json value, int valueBytesMax) {
    if (value.size() > valueBytesMax) {
      return "value is " + value.size() + " bytes, more than value_bytes_max " + valueBytesMax;
    }
    return checkDepth(value);
  }

  /**
   * At most {@link Limits#VALUE_DEPTH_MAX} levels deep. A value within the limit is scanned, not
   * parsed; one beyond it is parsed to name its depth.
   */
  public static String checkDepth(Json value) {
    if (CompactJsonScanner.depth(value.bytes(), Limits.VALUE_DEPTH_MAX) >= 0) {
      return null;
    }
    return checkDepth(value.node());
  }

  /** As {@link #checkDepth(Json)}, for a parsed tree. */
  public static String checkDepth(JsonNode node) {
    return depthProblem(JsonCodec.depth(node));
  }

  private static String depthProblem(int depth) {
    if (depth > Limits.VALUE_DEPTH_MAX) {
      return "value nests " + depth + " levels, more than " + Limits.VALUE_DEPTH_MAX;
    }
    return null;
  }

  /** 0 (none) or 1..{@link Limits#TTL_SECONDS_MAX}. */
  public static String checkTtl(long ttlSeconds) {
    if (ttlSeconds < 0 || ttlSeconds > Limits.TTL_SECONDS_MAX) {
      return "ttl_seconds must be 0 (none) or within [1, " + Limits.TTL_SECONDS_MAX + "]: " + ttlSeconds;
    }
    return null;
  }

  /** {@link Command#ANY_REVISION}, 0, or a positive revision. */
  public static String checkIfRevision(long ifRevision) {
    if (ifRevision < Command.ANY_REVISION) {
      return "if_revision must be absent, 0 or a positive revision: " + ifRevision;
    }
    return null;
  }

  /**
   * Decodes UTF-8 bytes, such as a percent-decoded scope or key from a URL, refusing anything that
   * is not well-formed UTF-8 (RFC 3629: no overlong forms, no encoded surrogates, nothing above
   * U+10FFFF, no truncated sequence) rather than replacing it.
   *
   * @throws InvalidUtf8Exception naming the offset of the first malformed byte
   */
  public static String decodeUtf8Strict(byte[] utf8) {
    int invalid = Utf8.firstInvalidByte(utf8);
    if (invalid >= 0) {
      throw new InvalidUtf8Exception(invalid);
    }
    return new String(utf8, StandardCharsets.UTF_8);
  }

  /** Thrown by {@link #decodeUtf8Strict} for bytes that are not well-formed UTF-8. */
  public static final class InvalidUtf8Exception extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int byteOffset;

    public InvalidUtf8Exception(int byteOffset) {
      super("malformed UTF-8 at byte offset " + byteOffset);
      this.byteOffset = byteOffset;
    }

    /** Offset of the first byte that does not start a well-formed sequence. */
    public int byteOffset() {
      return byteOffset;
    }
  }
}
