package io.statekv.chaos.run;

import io.statekv.chaos.nemesis.FaultWindow;
import io.statekv.chaos.workload.HistoryRecorder;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * The progress line of a run: a bar of elapsed time against the limit, counts of ok, fail and
 * info completions, and the fault in force. On a terminal the line is redrawn in place; otherwise
 * (a log file, CI) one line is printed per call. Used by one thread.
 */
public final class Progress {
  /** Characters of the bar. */
  public static final int BAR_WIDTH = 30;

  private final PrintStream out;
  private final boolean interactive;

  public Progress(PrintStream out, boolean interactive) {
    this.out = out;
    this.interactive = interactive;
  }

  /** Draws the line. */
  public void show(Duration elapsed, Duration limit, HistoryRecorder.Counts counts,
      FaultWindow fault) {
    String line = line(elapsed, limit, counts, fault);
    if (interactive) {
      out.print("\r" + line + "\033[K");
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** Ends the line in place, so that what follows starts on a new line. */
  public void finish() {
    if (interactive) {
      out.println();
    }
  }

  /** The text of the line. */
  public static String line(Duration elapsed, Duration limit, HistoryRecorder.Counts counts,
      FaultWindow fault) {
    double fraction = Math.min(1, (double) elapsed.toMillis() / Math.max(1, limit.toMillis()));
    int filled = (int) Math.round(fraction * BAR_WIDTH);
    String bar = "=".repeat(filled) + " ".repeat(BAR_WIDTH - filled);
    String faultText = fault == null ? "none" : fault.kind() + " " + String.join(",",
        fault.targets());
    return String.format(Locale.ROOT, "[%s] %d/%d s  ok %d  fail %d  info %d  fault: %s", bar,
        elapsed.toSeconds(), limit.toSeconds(), counts.ok(), counts.fail(), counts.info(),
        faultText);
  }
}
