package io.statekv.storage.internal;

import io.statekv.storage.Limits;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encodes the Chronicle Map key of an entry and of the extra pieces of a large value.
 *
 * <p>An entry's key is {@code varint(scope id) utf8(key)}, where the scope id is a small number
 * the {@link ScopeIndex} gives each scope while it holds entries: a scope name is stored once, not
 * in every entry. The varint is self-delimiting, so (scope, key) pairs map to distinct keys. Piece
 * {@code i >= 1} of a value is stored under the entry's key followed by {@code 0x01} and {@code i}
 * as four big-endian bytes; keys never contain control characters, so no entry key equals a piece
 * key. Scope ids are local to the process; nothing replicated or hashed depends on them.
 */
public final class MapKeys {
  private MapKeys() {}

  static final byte PIECE_MARK = 0x01;
  static final int PIECE_SUFFIX_BYTES = 5;

  /** The longest entry key: a five-byte scope id and the longest key. */
  static final int ENTRY_KEY_BYTES_MAX = 5 + Limits.KEY_BYTES_MAX;

  /**
   * Encodes a name as UTF-8, or returns null when it is empty, longer than {@code bytesMax}, not
   * well-formed UTF-16, or holds a control character. Reads use this instead of a full validation
   * so that a bad name simply finds nothing.
   */
  public static byte[] utf8(String name, int bytesMax) {
    if (isPlainAscii(name, bytesMax)) {
      byte[] out = new byte[name.length()];
      for (int i = 0; i < out.length; i++) {
        out[i] = (byte) name.charAt(i);
      }
      return out;
    }
    if (NameRules.check("name", name, bytesMax) != null) {
      return null;
    }
    return name.getBytes(StandardCharsets.UTF_8);
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

  /** The entry key of a key in the scope numbered {@code scopeId}. */
  static byte[] entryKey(int scopeId, byte[] keyUtf8) {
    int idBytes = VarInts.sizeOfLong(scopeId);
    byte[] out = new byte[idBytes + keyUtf8.length];
    VarInts.putLong(out, 0, scopeId);
    System.arraycopy(keyUtf8, 0, out, idBytes, keyUtf8.length);
    return out;
  }

  /** The entry key of a key given as a string, or null when it is not a valid key. */
  static byte[] entryKey(int scopeId, String key) {
    if (!isPlainAscii(key, Limits.KEY_BYTES_MAX)) {
      byte[] utf8 = utf8(key, Limits.KEY_BYTES_MAX);
      return utf8 == null ? null : entryKey(scopeId, utf8);
    }
    int idBytes = VarInts.sizeOfLong(scopeId);
    byte[] out = new byte[idBytes + key.length()];
    VarInts.putLong(out, 0, scopeId);
    for (int i = 0; i < key.length(); i++) {
      out[idBytes + i] = (byte) key.charAt(i);
    }
    return out;
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
