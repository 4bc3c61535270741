package io.statekv.bench.threads;

import io.statekv.bench.load.internal.ProcessCpu;

/**
 * One thread's counters at one moment, from {@code /proc/<pid>/task/<tid>/stat} and {@code
 * status}: CPU ticks (user plus system) and context switches (voluntary plus involuntary).
 *
 * @param pid the process
 * @param tid the thread
 * @param name the thread's name: the JVM's full name where known, else the kernel's (at most 15 characters)
 * @param ticks user plus system CPU time, in clock ticks
 * @param switches voluntary plus involuntary context switches
 */
public record ThreadReading(long pid, long tid, String name, long ticks, long switches) {
  /** Reads a thread's {@code stat} line and {@code status} text; the name is the kernel's. */
  static ThreadReading parse(long pid, long tid, String stat, String status) {
    int open = stat.indexOf('(');
    int close = stat.lastIndexOf(')');
    if (open < 0 || close < open) {
      throw new IllegalArgumentException("not a /proc stat line: " + stat);
    }
    return new ThreadReading(pid, tid, stat.substring(open + 1, close), ProcessCpu.ticksOf(stat), switches(status));
  }

  private static long switches(String status) {
    long total = 0;
    for (String line : status.split("\n")) {
      if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
        total += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return total;
  }

  ThreadReading named(String fullName) {
    return new ThreadReading(pid, tid, fullName, ticks, switches);
  }
}
