package io.statekv.storage.internal;

import io.statekv.storage.Limits;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encodes the Chronicle Map key of an entry and of the extra pieces of a large value.
 *
 * <p>An entry's key is {@code utf8(scope) 0x00 utf8(key)}. Piece {@code i >= 1} of its value is
 * stored under {@code utf8(scope) 0x00 utf8(key) 0x01 i(4 bytes, big-endian)}. Scopes and keys
 * never contain control characters, so neither separator can occur inside them and no two
 * (scope, key, piece) triples share an encoding.
 */
public final class MapKeys {
  private MapKeys() {}

  static final byte SCOPE_END = 0x00;
  static final byte PIECE_MARK = 0x01;
  static final int PIECE_SUFFIX_BYTES = 5;

  /** The longest entry key: the longest scope and key, and the separator. */
  static final int ENTRY_KEY_BYTES_MAX = Limits.SCOPE_BYTES_MAX + 1 + Limits.KEY_BYTES_MAX;

  /**
   * Encodes a name as UTF-8, or returns null when it is empty, longer than {@code bytesMax}, not
   * well-formed UTF-16, or holds a control character. Reads use this instead of a full validation
   * so that a bad name simply finds nothing.
   */
  public static byte[] utf8(String name, int bytesMax) {
    if (name == null || name.isEmpty() || name.length() > bytesMax) {
      return null;
    }
    byte[] ascii = asciiOrNull(name);
    if (ascii != null) {
      return ascii;
    }
    if (NameRules.check("name", name, bytesMax) != null) {
      return null;
    }
    return name.getBytes(StandardCharsets.UTF_8);
  }

  /** The ASCII fast path; null when the name has a non-ASCII or control character. */
  private static byte[] asciiOrNull(String name) {
    byte[] out = new byte[name.length()];
    for (int i = 0; i < out.length; i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c >= 0x7F) {
        return null;
      }
      out[i] = (byte) c;
    }
    return out;
  }

  /** The entry key for already encoded names. */
  public static byte[] entryKey(byte[] scopeUtf8, byte[] keyUtf8) {
    byte[] out = new byte[scopeUtf8.length + 1 + keyUtf8.length];
    System.arraycopy(scopeUtf8, 0, out, 0, scopeUtf8.length);
    out[scopeUtf8.length] = SCOPE_END;
    System.arraycopy(keyUtf8, 0, out, scopeUtf8.length + 1, keyUtf8.length);
    return out;
  }

  /**
   * True when {@code name} is 1..{@code bytesMax} printable ASCII characters: a valid name, found
   * without allocating. Other names may still be valid and take the full check.
   */
  static boolean isPlainAscii(String name, int bytesMax) {
    if (name == null || name.isEmpty() || name.length() > bytesMax) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c >= 0x7F) {
        return false;
      }
    }
    return true;
  }

  /** The entry key, or null when either name is not a valid scope or key. */
  public static byte[] entryKey(String scope, String key) {
    if (isPlainAscii(scope, Limits.SCOPE_BYTES_MAX) && isPlainAscii(key, Limits.KEY_BYTES_MAX)) {
      byte[] out = new byte[scope.length() + 1 + key.length()];
      for (int i = 0; i < scope.length(); i++) {
        out[i] = (byte) scope.charAt(i);
      }
      out[scope.length()] = SCOPE_END;
      for (int i = 0, p = scope.length() + 1; i < key.length(); i++, p++) {
        out[p] = (byte) key.charAt(i);
      }
      return out;
    }
    byte[] s = utf8(scope, Limits.SCOPE_BYTES_MAX);
    byte[] k = s == null ? null : utf8(key, Limits.KEY_BYTES_MAX);
    return k == null ? null : entryKey(s, k);
  }

  /** The key of piece {@code index} (from 1) of the value stored under {@code entryKey}. */
  static byte[] pieceKey(byte[] entryKey, int index) {
    byte[] out = Arrays.copyOf(entryKey, entryKey.length + PIECE_SUFFIX_BYTES);
    int p = entryKey.length;
    out[p] = PIECE_MARK;
    out[p + 1] = (byte) (index >>> 24);
    out[p + 2] = (byte) (index >>> 16);
    out[p + 3] = (byte) (index >>> 8);
    out[p + 4] = (byte) index;
    return out;
  }
}
