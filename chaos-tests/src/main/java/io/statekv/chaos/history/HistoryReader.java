package io.statekv.chaos.history;

import io.statekv.chaos.history.internal.BoundedLineReader;
import io.statekv.chaos.history.internal.OpJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads histories in the JSON-lines format: one op per line, in real-time order.
 *
 * <p>Each line is an object with {@code process} (an integer, or {@code "nemesis"}), {@code type}
 * ({@code invoke}, {@code ok}, {@code fail} or {@code info}), {@code f}, {@code value} and, when
 * recorded, {@code time} (nanoseconds) and {@code error}. Other fields are ignored. Blank lines are
 * allowed only at the end, so that line N is always op N. Stateless and thread-safe.
 */
public final class HistoryReader {
  /** Longest line accepted, in chars; a list-append read of a long list fits easily. */
  public static final int LINE_CHARS_MAX = 16 * 1024 * 1024;

  private HistoryReader() {}

  /**
   * Reads and validates a history file in UTF-8.
   *
   * @throws IOException if the file cannot be read
   * @throws MalformedHistoryException if a line is not an op or the ops break a history rule
   */
  public static History read(Path path) throws IOException {
    try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      return read(in);
    }
  }

  /** Parses and validates a history held in a string, as tests write them. */
  public static History parse(String text) {
    try {
      return read(new StringReader(text));
    } catch (IOException e) {
      throw new UncheckedIOException("reading a string cannot fail", e);
    }
  }

  /**
   * Reads and validates a history from a reader, which the caller closes.
   *
   * @throws IOException if reading fails
   * @throws MalformedHistoryException if a line is not an op or the ops break a history rule
   */
  public static History read(Reader reader) throws IOException {
    BoundedLineReader lines = new BoundedLineReader(
        reader instanceof BufferedReader ? reader : new BufferedReader(reader), LINE_CHARS_MAX);
    List<Op> ops = new ArrayList<>();
    int blankLine = 0;
    String line;
    try {
      while ((line = lines.readLine()) != null) {
        if (line.isBlank()) {
          blankLine = blankLine == 0 ? lines.lineNumber() : blankLine;
          continue;
        }
        if (blankLine != 0) {
          throw new MalformedHistoryException(blankLine, "blank line before the end of the history");
        }
        if (ops.size() == History.OPS_MAX) {
          throw new MalformedHistoryException(lines.lineNumber(),
              "history has more than " + History.OPS_MAX + " ops");
        }
        ops.add(OpJson.parse(line, ops.size()));
      }
    } catch (BoundedLineReader.LineTooLongException e) {
      throw new MalformedHistoryException(0, e.getMessage());
    }
    return History.of(ops);
  }
}
