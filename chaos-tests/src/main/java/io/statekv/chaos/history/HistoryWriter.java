package io.statekv.chaos.history;

import io.statekv.chaos.history.internal.OpJson;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes ops as JSON lines while a run goes on, in the format {@link HistoryReader} reads.
 *
 * <p>Thread-safe: {@link #write} is synchronized, and each line is flushed before it returns, so
 * a run that dies leaves a readable history of everything recorded so far. The caller must write
 * ops in real-time order, for example by taking the time and writing under one lock.
 */
public final class HistoryWriter implements Closeable {
  private final Writer out;

  /** Writes to {@code out}, which this writer closes. */
  public HistoryWriter(Writer out) {
    this.out = out;
  }

  /** Creates (or truncates) a history file in UTF-8. */
  public static HistoryWriter create(Path path) throws IOException {
    return new HistoryWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE));
  }

  /** Writes a whole history to a file. */
  public static void write(History history, Path path) throws IOException {
    try (HistoryWriter writer = new HistoryWriter(new BufferedWriter(
        Files.newBufferedWriter(path, StandardCharsets.UTF_8)))) {
      for (Op op : history.ops()) {
        writer.write(op);
      }
    }
  }

  /** Appends one op as a line and flushes it. */
  public synchronized void write(Op op) throws IOException {
    out.write(OpJson.format(op));
    out.write('\n');
    out.flush();
  }

  /** The op as one JSON line, without the line break. */
  public static String format(Op op) {
    return OpJson.format(op);
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
