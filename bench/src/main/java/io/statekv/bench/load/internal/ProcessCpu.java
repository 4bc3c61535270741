package io.statekv.bench.load.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time a process has spent so far, user plus system, over all its threads, from {@code
 * /proc/<pid>/stat}. Differences of two readings give the CPU a process spent in a window, which
 * a noisy machine slows down far less than it slows wall-clock throughput.
 */
public final class ProcessCpu {
  /**
   * The kernel reports utime and stime in clock ticks of USER_HZ, which Linux fixes at 100 per
   * second on every architecture the benchmark runs on ({@code getconf CLK_TCK}).
   */
  public static final double CLOCK_TICKS_PER_SECOND = 100.0;
  /** utime and stime are fields 14 and 15; after the command's closing parenthesis, 12 and 13. */
  private static final int UTIME_AFTER_COMMAND = 11;

  private ProcessCpu() {}

  /** Seconds of CPU this process has used. */
  public static double seconds(long pid) {
    String stat;
    try {
      stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CPU time of process " + pid + " (has it exited?)", e);
    }
    return secondsOf(stat);
  }

  /** utime plus stime of one {@code /proc/<pid>/stat} line, in seconds. */
  static double secondsOf(String stat) {
    return ticksOf(stat) / CLOCK_TICKS_PER_SECOND;
  }

  /**
   * utime plus stime of one {@code /proc/<pid>/stat} or {@code /proc/<pid>/task/<tid>/stat}
   * line, in clock ticks ({@link #CLOCK_TICKS_PER_SECOND}).
   */
  public static long ticksOf(String stat) {
    // The command name may contain spaces and parentheses; the fields start after the last ')'.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    return Long.parseLong(fields[UTIME_AFTER_COMMAND]) + Long.parseLong(fields[UTIME_AFTER_COMMAND + 1]);
  }

  /** Seconds of CPU these processes have used together. */
  public static double seconds(List<Long> pids) {
    double total = 0;
    for (long pid : pids) {
      total += seconds(pid);
    }
    return total;
  }

  /** Seconds of CPU this JVM has used. */
  public static double self() {
    return seconds(ProcessHandle.current().pid());
  }

  /** The one-minute load average, or -1 when it cannot be read. */
  public static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
