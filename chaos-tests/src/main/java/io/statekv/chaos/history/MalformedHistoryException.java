package io.statekv.chaos.history;

/**
 * A history that cannot be read or does not describe a possible run: a line that is not an op, a
 * completion without an invocation, a process that invokes twice at once or again after an
 * {@code info}, or time that goes backwards.
 *
 * <p>The message names the offending line, 1-based, as it appears in the file (or the op's
 * position plus one for a history built in memory).
 */
public final class MalformedHistoryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final String detail;

  /**
   * @param line the 1-based line at fault, or 0 when the fault is not tied to one line
   * @param detail what is wrong, in full words
   */
  public MalformedHistoryException(int line, String detail) {
    super(line > 0 ? "line " + line + ": " + detail : detail);
    this.line = line;
    this.detail = detail;
  }

  /** The 1-based line at fault, or 0 when the fault is not tied to one line. */
  public int line() {
    return line;
  }

  /** What is wrong, without the line number. */
  public String detail() {
    return detail;
  }
}
