package io.statekv.storage.internal;

/**
 * The rule shared by scopes and keys: non-empty, bounded UTF-8, well-formed, no control characters.
 *
 * <p>Control characters are Unicode's general category Cc: U+0000..U+001F, DEL (U+007F) and the C1
 * range U+0080..U+009F. Lengths are UTF-8 bytes, not chars. Stateless and thread-safe.
 */
public final class NameRules {
  private NameRules() {}

  /** Returns null when {@code name} is valid, or a message naming the problem. */
  public static String check(String what, String name, int bytesMax) {
    if (name == null || name.isEmpty()) {
      return what + " must not be empty";
    }
    int lone = Utf8.firstLoneSurrogate(name);
    for (int i = 0; i < name.length(); i++) {
      if (i == lone) {
        return what + " is not valid UTF-16: lone surrogate at index " + i;
      }
      char c = name.charAt(i);
      if (Character.isISOControl(c)) {
        return what + " contains control character U+" + String.format("%04X", (int) c) + " at index " + i;
      }
    }
    int bytes = Utf8.encodedLength(name);
    if (bytes > bytesMax) {
      return what + " is " + bytes + " bytes, more than " + bytesMax;
    }
    return null;
  }
}
