package io.statekv.storage.internal;

/**
 * Strict UTF-8 facts that the JDK and Jackson do not give without allocating or being lenient.
 *
 * <p>Jackson's byte parser accepts overlong forms (so {@code C0 AF} reads as {@code /}), encoded
 * surrogates ({@code ED A0 80}) and sequences past U+10FFFF, and an escaped lone surrogate in JSON
 * text yields a lone surrogate in a Java string. serde_json, which iii uses, rejects all of these, so the edge
 * checks them here. Stateless and thread-safe.
 */
public final class Utf8 {
  private Utf8() {}

  /**
   * Returns the offset of the first byte that does not start a well-formed UTF-8 sequence (RFC
   * 3629: no overlong forms, no surrogates, nothing above U+10FFFF), or -1 when all are well formed.
   */
  public static int firstInvalidByte(byte[] bytes) {
    int i = 0;
    int n = bytes.length;
    while (i < n) {
      int b = bytes[i] & 0xFF;
      if (b < 0x80) {
        i++;
        continue;
      }
      int length = sequenceLength(bytes, i);
      if (length < 0) {
        return i;
      }
      i += length;
    }
    return -1;
  }

  /** Length of the well-formed multi-byte sequence at {@code i}, or -1 when it is malformed. */
  private static int sequenceLength(byte[] bytes, int i) {
    int b0 = bytes[i] & 0xFF;
    int length;
    int secondMin = 0x80;
    int secondMax = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      length = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      length = 3;
      // E0 would allow overlong forms below U+0800; ED would encode surrogates U+D800..U+DFFF.
      secondMin = b0 == 0xE0 ? 0xA0 : 0x80;
      secondMax = b0 == 0xED ? 0x9F : 0xBF;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      length = 4;
      // F0 would allow overlong forms below U+10000; F4 must stay at or below U+10FFFF.
      secondMin = b0 == 0xF0 ? 0x90 : 0x80;
      secondMax = b0 == 0xF4 ? 0x8F : 0xBF;
    } else {
      return -1;
    }
    if (i + length > bytes.length) {
      return -1;
    }
    int b1 = bytes[i + 1] & 0xFF;
    if (b1 < secondMin || b1 > secondMax) {
      return -1;
    }
    for (int k = 2; k < length; k++) {
      int b = bytes[i + k] & 0xFF;
      if (b < 0x80 || b > 0xBF) {
        return -1;
      }
    }
    return length;
  }

  /** Index of the first unpaired surrogate in {@code s}, or -1 when {@code s} is valid UTF-16. */
  public static int firstLoneSurrogate(CharSequence s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Bytes of {@code s} in UTF-8, computed without allocating. A lone surrogate counts three bytes,
   * its generalized UTF-8 length; callers that need well-formed text reject it separately.
   */
  public static int encodedLength(CharSequence s) {
    int n = s.length();
    int bytes = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
