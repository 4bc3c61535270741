package io.statekv.chaos.history.internal;

import java.io.IOException;
import java.io.Reader;

/** Reads lines of at most a given length, so one corrupt line cannot exhaust memory. */
public final class BoundedLineReader {
  private final Reader in;
  private final int lineCharsMax;
  private int lineNumber;

  /** @param in a buffered reader; this class reads it one char at a time */
  public BoundedLineReader(Reader in, int lineCharsMax) {
    this.in = in;
    this.lineCharsMax = lineCharsMax;
  }

  /**
   * The next line without its terminator ({@code \n} or {@code \r\n}), or null at the end.
   *
   * @throws LineTooLongException if the line has more than {@code lineCharsMax} chars
   */
  public String readLine() throws IOException {
    StringBuilder line = new StringBuilder();
    int c = in.read();
    if (c < 0) {
      return null;
    }
    lineNumber++;
    while (c >= 0 && c != '\n') {
      if (line.length() == lineCharsMax) {
        throw new LineTooLongException(lineNumber, lineCharsMax);
      }
      line.append((char) c);
      c = in.read();
    }
    int last = line.length() - 1;
    if (last >= 0 && line.charAt(last) == '\r') {
      line.setLength(last);
    }
    return line.toString();
  }

  /** The 1-based number of the line last returned. */
  public int lineNumber() {
    return lineNumber;
  }

  /** A line longer than allowed. */
  public static final class LineTooLongException extends IOException {
    private static final long serialVersionUID = 1L;

    LineTooLongException(int line, int max) {
      super("line " + line + " is longer than " + max + " characters");
    }
  }
}
