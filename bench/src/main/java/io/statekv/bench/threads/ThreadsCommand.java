package io.statekv.bench.threads;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code statekv-load threads}: the CPU and context switches of each kind of thread of some
 * processes over a window, to see where a cluster's CPU goes while a benchmark runs.
 */
@Command(name = "threads", mixinStandardHelpOptions = true,
    description = "CPU and context switches per kind of thread of some processes over a window.")
public final class ThreadsCommand implements Callable<Integer> {
  /** The longest window: a reading holds every thread of every process in memory. */
  static final int SECONDS_MAX = 3_600;

  @Option(names = "--pids", required = true, split = ",", description = "processes to watch")
  List<Long> pids;

  @Option(names = "--seconds", defaultValue = "15", description = "window length (default ${DEFAULT-VALUE})")
  int seconds;

  @Option(names = "--top", defaultValue = "25", description = "kinds shown, most CPU first (default ${DEFAULT-VALUE})")
  int top;

  @Option(names = "--ops-per-second", defaultValue = "0",
      description = "the load's rate during the window, if known: adds µs of CPU and switches per operation")
  double opsPerSecond;

  @Override
  public Integer call() throws Exception {
    if (seconds < 1 || seconds > SECONDS_MAX) {
      throw new IllegalArgumentException("--seconds must be 1 to " + SECONDS_MAX + ", not " + seconds);
    }
    Map<Long, Map<Long, String>> names = new HashMap<>();
    for (long pid : pids) {
      names.put(pid, JvmThreadNames.of(pid));
    }
    List<ThreadReading> before = ThreadCpu.read(pids, names);
    long started = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    List<ThreadReading> after = ThreadCpu.read(pids, names);
    double window = (System.nanoTime() - started) / 1e9;
    print(ThreadCpu.between(before, after, window));
    return 0;
  }

  private void print(List<ThreadCpu.Usage> usage) {
    double cores = usage.stream().mapToDouble(ThreadCpu.Usage::cores).sum();
    double switches = usage.stream().mapToDouble(ThreadCpu.Usage::switchesPerSecond).sum();
    System.out.println(line("all threads", usage.stream().mapToInt(ThreadCpu.Usage::threads).sum(), cores, switches));
    usage.stream().limit(top).forEach(u -> System.out.println(line(u.kind(), u.threads(), u.cores(), u.switchesPerSecond())));
  }

  private String line(String kind, int threads, double cores, double switchesPerSecond) {
    String perOp = opsPerSecond <= 0 ? ""
        : String.format(Locale.ROOT, "  %8.1f µs/op %7.2f switches/op",
            cores * 1e6 / opsPerSecond, switchesPerSecond / opsPerSecond);
    return String.format(Locale.ROOT, "%6.3f cores %9.0f switches/s%s  %3d × %s",
        cores, switchesPerSecond, perOp, threads, kind);
  }
}
