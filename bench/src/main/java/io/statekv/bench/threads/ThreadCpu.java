package io.statekv.bench.threads;

import io.statekv.bench.load.internal.ProcessCpu;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where processes spend their CPU, thread by thread: two readings of every thread's counters,
 * and the difference grouped by thread kind. A kind is the thread's name with its numbers and
 * group ids replaced by {@code #}, so that the three nodes' log workers, or a pool's threads,
 * add up to one line.
 */
public final class ThreadCpu {
  /** Ratis group ids (hex), then any other run of digits. */
  private static final Pattern GROUP_ID = Pattern.compile("[0-9A-F]{12,}");
  private static final Pattern NUMBER = Pattern.compile("#?[0-9]+");

  private ThreadCpu() {}

  /** Every live thread of these processes, named through {@code names} where it knows them. */
  public static List<ThreadReading> read(Collection<Long> pids, Map<Long, Map<Long, String>> names) {
    List<ThreadReading> out = new ArrayList<>();
    for (long pid : pids) {
      Map<Long, String> known = names.getOrDefault(pid, Map.of());
      for (long tid : tids(pid)) {
        ThreadReading r = readThread(pid, tid);
        if (r != null) {
          out.add(known.containsKey(tid) ? r.named(known.get(tid)) : r);
        }
      }
    }
    return out;
  }

  private static List<Long> tids(long pid) {
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      return tasks.map(p -> Long.parseLong(p.getFileName().toString())).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the threads of process " + pid + " (has it exited?)", e);
    }
  }

  /** A thread's reading, or null when it ended between the listing and the read. */
  private static ThreadReading readThread(long pid, long tid) {
    Path dir = Path.of("/proc", Long.toString(pid), "task", Long.toString(tid));
    try {
      return ThreadReading.parse(pid, tid, Files.readString(dir.resolve("stat")), Files.readString(dir.resolve("status")));
    } catch (NoSuchFileException gone) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read thread " + tid + " of process " + pid, e);
    }
  }

  /** The kind a thread's name belongs to. */
  public static String kind(String name) {
    return NUMBER.matcher(GROUP_ID.matcher(name).replaceAll("#")).replaceAll("#");
  }

  /** One kind's share of a window. */
  public record Usage(String kind, int threads, double cores, double switchesPerSecond) {}

  /**
   * What each kind of thread used between two readings taken {@code seconds} apart, most CPU
   * first. Threads that started in between count from zero; threads that ended are lost.
   */
  public static List<Usage> between(List<ThreadReading> before, List<ThreadReading> after, double seconds) {
    Map<List<Long>, ThreadReading> start = new HashMap<>();
    before.forEach(r -> start.put(List.of(r.pid(), r.tid()), r));
    Map<String, double[]> byKind = new HashMap<>();
    for (ThreadReading r : after) {
      ThreadReading s = start.get(List.of(r.pid(), r.tid()));
      double[] sums = byKind.computeIfAbsent(kind(r.name()), k -> new double[3]);
      sums[0]++;
      sums[1] += r.ticks() - (s == null ? 0 : s.ticks());
      sums[2] += r.switches() - (s == null ? 0 : s.switches());
    }
    return byKind.entrySet().stream()
        .map(e -> new Usage(e.getKey(), (int) e.getValue()[0],
            e.getValue()[1] / ProcessCpu.CLOCK_TICKS_PER_SECOND / seconds, e.getValue()[2] / seconds))
        .sorted((a, b) -> Double.compare(b.cores(), a.cores()))
        .toList();
  }
}
