package io.statekv.storage.internal;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The one order of scopes and keys: Unicode code point order, which is also the unsigned byte
 * order of their UTF-8 encodings.
 *
 * <p>Java's {@link String#compareTo} orders UTF-16 code units, which puts code points above
 * U+FFFF (stored as surrogates, 0xD800..0xDFFF) before U+E000..U+FFFF. Listings, cursors, the
 * snapshot and the state hash all use code point order instead, so that a key's place does not
 * depend on the language a client is written in.
 */
public final class NameOrder {
  private NameOrder() {}

  /** Compares two well-formed strings in code point order. */
  public static final Comparator<String> STRINGS = NameOrder::compare;

  /** Compares UTF-8 byte arrays as unsigned bytes, which is code point order. */
  public static final Comparator<byte[]> UTF8 = Arrays::compareUnsigned;

  public static int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return rank(x) - rank(y);
      }
    }
    return a.length() - b.length();
  }

  /**
   * Moves surrogates above U+E000..U+FFFF. At the first differing code unit this gives code point
   * order, because a surrogate always starts a code point above every BMP character.
   */
  private static int rank(char c) {
    if (c < 0xD800) {
      return c;
    }
    return c >= 0xE000 ? c - 0x800 : c + 0x2000;
  }
}
