package io.statekv.storage.internal;

import java.util.Arrays;

/**
 * Checks that bytes are one compact JSON document (RFC 8259, no whitespace between tokens, valid
 * UTF-8) nesting at most a given depth, without building a tree.
 *
 * <p>Apply re-validates every value that reaches it. A full parse of each stored value would
 * dominate the cost of a {@code set}, whose value already arrives as compact bytes, so the core
 * scans the bytes once instead. Depth counts as in {@link io.statekv.storage.JsonCodec#depth}:
 * scalars are 0 and each object or array adds one. Duplicate object members are not detected
 * here; the edge parser refuses them before a value reaches the log.
 *
 * <p>{@link #isPlainCanonical} is stricter: it accepts only documents that {@link
 * io.statekv.storage.JsonCodec} would write back byte for byte from its own parse, so that a value
 * already in canonical form can skip the parse and the write.
 */
public final class CompactJsonScanner {
  /** Digits of the longest integer {@link #isPlainCanonical} accepts: every such integer is a long. */
  static final int PLAIN_DIGITS_MAX = 18;

  /** Members of the largest object {@link #isPlainCanonical} checks for duplicate names. */
  static final int PLAIN_MEMBERS_MAX = 64;

  private final byte[] b;
  private final int depthMax;
  private final boolean plain;
  private int pos;
  private int deepest;
  private String problem;

  private CompactJsonScanner(byte[] b, int depthMax, boolean plain) {
    this.b = b;
    this.depthMax = depthMax;
    this.plain = plain;
  }

  /** Returns the nesting depth of a valid document, or -1 when it is invalid or too deep. */
  public static int depth(byte[] json, int depthMax) {
    CompactJsonScanner s = new CompactJsonScanner(json, depthMax, false);
    return s.scanDocument() ? s.deepest : -1;
  }

  /** Returns null when the document is valid within {@code depthMax}, or what is wrong. */
  public static String check(byte[] json, int depthMax) {
    CompactJsonScanner s = new CompactJsonScanner(json, depthMax, false);
    return s.scanDocument() ? null : s.problem;
  }

  /**
   * True when the bytes are one valid compact document within {@code depthMax} that holds no
   * escape sequence, no character beyond U+FFFF, no number other than an integer of at most
   * {@link #PLAIN_DIGITS_MAX} digits (and not {@code -0}), and no object with a repeated member
   * name or more than {@link #PLAIN_MEMBERS_MAX} members. Such a document is its own canonical
   * form: parsing it and writing the tree back gives the same bytes. False says nothing about
   * validity.
   */
  public static boolean isPlainCanonical(byte[] json, int depthMax) {
    return new CompactJsonScanner(json, depthMax, true).scanDocument();
  }

  private boolean scanDocument() {
    if (!value(0)) {
      return false;
    }
    return pos == b.length || fail("unexpected bytes after the value");
  }

  private boolean fail(String message) {
    if (problem == null) {
      problem = (pos >= b.length ? "unexpected end of JSON" : message) + " at byte " + pos;
    }
    return false;
  }

  private int at(int p) {
    return p < b.length ? b[p] & 0xFF : -1;
  }

  private boolean value(int depth) {
    int c = at(pos);
    switch (c) {
      case '{':
        return object(depth + 1);
      case '[':
        return array(depth + 1);
      case '"':
        return string();
      case 't':
        return literal("true");
      case 'f':
        return literal("false");
      case 'n':
        return literal("null");
      default:
        return (c == '-' || (c >= '0' && c <= '9')) ? number() : fail("unexpected byte");
    }
  }

  private boolean enter(int depth) {
    if (depth > depthMax) {
      problem = "value nests more than " + depthMax + " levels";
      return false;
    }
    deepest = Math.max(deepest, depth);
    pos++;
    return true;
  }

  private boolean object(int depth) {
    if (!enter(depth)) {
      return false;
    }
    if (at(pos) == '}') {
      pos++;
      return true;
    }
    int[] names = plain ? new int[2 * 8] : null;
    int members = 0;
    while (true) {
      int nameStart = pos;
      if (at(pos) != '"' || !string()) {
        return fail("expected a member name");
      }
      if (plain) {
        names = plainMemberName(names, members++, nameStart, pos);
        if (names == null) {
          return fail("a repeated member name or too many members");
        }
      }
      if (at(pos) != ':') {
        return fail("expected ':'");
      }
      pos++;
      if (!value(depth)) {
        return false;
      }
      int c = at(pos++);
      if (c == '}') {
        return true;
      }
      if (c != ',') {
        pos--;
        return fail("expected ',' or '}'");
      }
    }
  }

  /**
   * Records member {@code index}'s name, the bytes in {@code [start, end)} with its quotes, after
   * checking it against the names before it. Returns the (possibly grown) array, or null when the
   * name repeats or the object has too many members to check.
   */
  private int[] plainMemberName(int[] names, int index, int start, int end) {
    if (index >= PLAIN_MEMBERS_MAX) {
      return null;
    }
    for (int i = 0; i < index; i++) {
      int s = names[2 * i];
      int e = names[2 * i + 1];
      if (e - s == end - start && Arrays.equals(b, s, e, b, start, end)) {
        return null;
      }
    }
    int[] out = 2 * index + 1 < names.length ? names : Arrays.copyOf(names, names.length * 2);
    out[2 * index] = start;
    out[2 * index + 1] = end;
    return out;
  }

  private boolean array(int depth) {
    if (!enter(depth)) {
      return false;
    }
    if (at(pos) == ']') {
      pos++;
      return true;
    }
    while (true) {
      if (!value(depth)) {
        return false;
      }
      int c = at(pos++);
      if (c == ']') {
        return true;
      }
      if (c != ',') {
        pos--;
        return fail("expected ',' or ']'");
      }
    }
  }

  private boolean literal(String word) {
    for (int i = 0; i < word.length(); i++) {
      if (at(pos + i) != word.charAt(i)) {
        return fail("invalid literal");
      }
    }
    pos += word.length();
    return true;
  }

  private boolean number() {
    int start = pos;
    if (!numberSyntax()) {
      return false;
    }
    return !plain || plainInteger(start) || fail("not a plain integer");
  }

  /** An integer as JsonCodec writes it back: digits only, not too many, and not {@code -0}. */
  private boolean plainInteger(int start) {
    int digitsStart = b[start] == '-' ? start + 1 : start;
    for (int p = digitsStart; p < pos; p++) {
      if (b[p] < '0' || b[p] > '9') {
        return false;
      }
    }
    int digits = pos - digitsStart;
    boolean minusZero = digitsStart > start && digits == 1 && b[digitsStart] == '0';
    return digits <= PLAIN_DIGITS_MAX && !minusZero;
  }

  private boolean numberSyntax() {
    if (at(pos) == '-') {
      pos++;
    }
    if (at(pos) == '0') {
      pos++;
    } else if (!digits()) {
      return fail("invalid number");
    }
    if (at(pos) == '.') {
      pos++;
      if (!digits()) {
        return fail("invalid fraction");
      }
    }
    int e = at(pos);
    if (e == 'e' || e == 'E') {
      pos++;
      int sign = at(pos);
      if (sign == '+' || sign == '-') {
        pos++;
      }
      if (!digits()) {
        return fail("invalid exponent");
      }
    }
    return true;
  }

  private boolean digits() {
    int start = pos;
    while (at(pos) >= '0' && at(pos) <= '9') {
      pos++;
    }
    return pos > start;
  }

  private boolean string() {
    pos++;
    while (true) {
      pos = skipPlain(pos);
      int c = at(pos);
      if (c == '"') {
        pos++;
        return true;
      }
      if (c < 0x20) {
        return fail(c < 0 ? "unterminated string" : "unescaped control character in a string");
      }
      if (c == '\\') {
        if (!escape()) {
          return false;
        }
      } else if (c < 0x80) {
        pos++;
      } else if (plain && c >= 0xF0) {
        // JsonCodec writes a character beyond U+FFFF as two escaped surrogates, not as these four bytes.
        return fail("a supplementary character");
      } else if (!utf8Sequence(c)) {
        return fail("invalid UTF-8");
      }
    }
  }

  /** The first position at or after {@code p} holding a byte that is not plain printable ASCII. */
  private int skipPlain(int p) {
    byte[] bytes = b;
    int n = bytes.length;
    while (p < n) {
      int c = bytes[p];
      if (c < 0x20 || c == '"' || c == '\\') {
        return p;
      }
      p++;
    }
    return p;
  }

  private boolean escape() {
    if (plain) {
      return fail("an escape sequence");
    }
    int c = at(pos + 1);
    if (c == 'u') {
      for (int i = 2; i < 6; i++) {
        if (Character.digit(at(pos + i), 16) < 0) {
          return fail("invalid \\u escape");
        }
      }
      pos += 6;
      return true;
    }
    if (c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' || c == 'r' || c == 't') {
      pos += 2;
      return true;
    }
    return fail("invalid escape");
  }

  /** Validates one multi-byte UTF-8 sequence starting with lead byte {@code c}, per RFC 3629. */
  private boolean utf8Sequence(int c) {
    int extra;
    int lo = 0x80;
    int hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
      lo = c == 0xE0 ? 0xA0 : 0x80;
      hi = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      lo = c == 0xF0 ? 0x90 : 0x80;
      hi = c == 0xF4 ? 0x8F : 0xBF;
    } else {
      return false;
    }
    int second = at(pos + 1);
    if (second < lo || second > hi) {
      return false;
    }
    for (int i = 2; i <= extra; i++) {
      int cont = at(pos + i);
      if (cont < 0x80 || cont > 0xBF) {
        return false;
      }
    }
    pos += extra + 1;
    return true;
  }
}
