package io.statekv.storage.internal;

import java.nio.charset.StandardCharsets;

/** The rule shared by scopes and keys: non-empty, bounded UTF-8, well-formed, no control characters. */
public final class NameRules {
  private NameRules() {}

  /** Returns null when {@code name} is valid, or a message naming the problem. */
  public static String check(String what, String name, int bytesMax) {
    if (name == null || name.isEmpty()) {
      return what + " must not be empty";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isISOControl(c)) {
        return what + " contains control character U+" + String.format("%04X", (int) c) + " at index " + i;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= name.length() || !Character.isLowSurrogate(name.charAt(i + 1))) {
          return what + " is not valid UTF-16: lone surrogate at index " + i;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return what + " is not valid UTF-16: lone surrogate at index " + i;
      }
    }
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > bytesMax) {
      return what + " is " + bytes + " bytes, more than " + bytesMax;
    }
    return null;
  }
}
