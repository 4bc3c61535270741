package io.statekv.node.watch.internal;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.storage.Limits;
import java.nio.charset.StandardCharsets;

/**
 * RFC 6901 JSON pointers as watch conditions: their syntax check, and the rule that decides whether
 * the value at a pointer changed between an event's old and new value.
 *
 * <p>A pointer is {@code ""} (the whole value) or a sequence of {@code /}-separated reference
 * tokens in which {@code ~} appears only as {@code ~0} ({@code ~}) or {@code ~1} ({@code /}).
 * Resolution follows RFC 6901 as Jackson implements it: a token selects an object member by name,
 * or an array element by a decimal index without leading zeros; anything else resolves to
 * "missing". Stateless and thread-safe.
 */
public final class JsonPointers {
  private JsonPointers() {}

  /** A pointer's UTF-8 length at most. */
  public static final int POINTER_BYTES_MAX = 1024;
  /** Reference tokens in one pointer at most: no stored value nests deeper. */
  public static final int POINTER_TOKENS_MAX = Limits.VALUE_DEPTH_MAX;

  /** Why a pointer is not valid RFC 6901 syntax within the limits, or null when it is. */
  public static String check(String pointer) {
    if (pointer.isEmpty()) {
      return null;
    }
    if (pointer.charAt(0) != '/') {
      return "JSON pointer '" + pointer + "' must be empty or start with '/'";
    }
    int bytes = pointer.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > POINTER_BYTES_MAX) {
      return "JSON pointer is " + bytes + " bytes, more than " + POINTER_BYTES_MAX;
    }
    int tokens = 0;
    for (int i = 0; i < pointer.length(); i++) {
      char c = pointer.charAt(i);
      if (c == '/') {
        tokens++;
      } else if (c == '~') {
        char next = i + 1 < pointer.length() ? pointer.charAt(i + 1) : 0;
        if (next != '0' && next != '1') {
          return "JSON pointer '" + pointer + "' has '~' at offset " + i + " not followed by 0 or 1";
        }
      } else if (Character.isISOControl(c)) {
        return "JSON pointer has a control character at offset " + i;
      }
    }
    if (tokens > POINTER_TOKENS_MAX) {
      return "JSON pointer has " + tokens + " reference tokens, more than " + POINTER_TOKENS_MAX;
    }
    return null;
  }

  /** Compiles a pointer that passed {@link #check}. */
  public static JsonPointer compile(String pointer) {
    String problem = check(pointer);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return JsonPointer.compile(pointer);
  }

  /**
   * True when the value at {@code pointer} differs between the two documents. A document that is
   * absent (null: the key did not exist before a creation, or no longer exists after a deletion)
   * resolves every pointer to "missing"; "missing" equals only "missing". Values compare as JSON
   * (object member order ignored; an integer and a float are different values, as stored).
   */
  public static boolean changed(JsonNode oldValue, JsonNode newValue, JsonPointer pointer) {
    JsonNode before = oldValue == null ? null : resolve(oldValue, pointer);
    JsonNode after = newValue == null ? null : resolve(newValue, pointer);
    if (before == null || after == null) {
      return before != after;
    }
    return !before.equals(after);
  }

  /** The value at the pointer, or null when it resolves to nothing. */
  private static JsonNode resolve(JsonNode document, JsonPointer pointer) {
    JsonNode at = document.at(pointer);
    return at.isMissingNode() ? null : at;
  }
}
