package io.statekv.bench.watch;

import io.statekv.client.StateKvClient;
import io.statekv.client.StateKvException;
import io.statekv.client.Watch;
import io.statekv.client.WatchFilter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Watch fan-out under load, against a running cluster (see bench/watch.sh): the write throughput
 * with and without {@code --watchers} open watches, and the lag from commit to delivery at every
 * watcher while writes arrive at {@code --rate} a second. Each of {@code --rounds} rounds opens
 * the watchers, measures with them, closes them and measures without; a round's cost compares its
 * phase with watchers to the mean of the phases without them just before and after, so drift (JIT,
 * a noisy machine) favours neither side, and the report gives the median round. Prints one report
 * on stdout.
 */
@Command(name = "watch-bench", mixinStandardHelpOptions = true)
public final class WatchLagBench implements Callable<Integer> {
  @Option(names = "--endpoints", required = true, split = ",", description = "client addresses of the cluster's nodes")
  List<String> endpoints;

  @Option(names = "--watchers", defaultValue = "1000")
  int watchers;

  @Option(names = "--watcher-clients", defaultValue = "10", description = "client connections the watchers share")
  int watcherClients;

  @Option(names = "--rate", defaultValue = "2000", description = "writes per second in the lag phase")
  int rate;

  @Option(names = "--in-flight", defaultValue = "64", description = "requests outstanding in the throughput phases")
  int inFlight;

  @Option(names = "--seconds", defaultValue = "20", description = "length of each measured phase")
  int seconds;

  @Option(names = "--rounds", defaultValue = "3",
      description = "rounds of (watchers open: closed loop, lag phase; watchers closed: closed loop)")
  int rounds;

  @Option(names = "--warmup-rounds", defaultValue = "1",
      description = "rounds run first and not counted: the watch paths of the nodes and the client compile in them")
  int warmupRounds;

  @Option(names = "--warmup", defaultValue = "60",
      description = "seconds of unmeasured writes first: on 2 cores the JIT of four JVMs takes about a minute")
  int warmupSeconds;

  @Option(names = "--cluster-pid", defaultValue = "0", description = "the cluster's process (its descendants "
      + "count too): each closed-loop phase then reports the cluster's CPU per write")
  long clusterPid;

  @Option(names = "--filter", defaultValue = "scope", description = "scope: every watcher watches the "
      + "whole scope and gets every write; key: watcher i watches key k<i> alone and the writes go "
      + "round the watchers' keys, so each write reaches one watcher")
  FanOut filter;

  @Option(names = "--watcher-nice", defaultValue = "0", description = "niceness (1 to 19) for the watchers' "
      + "client I/O threads, so that they take the cores only when the cluster leaves them idle, as watchers on "
      + "other machines would; 0 (default): the same priority as the cluster and the writer")
  int watcherNice;

  /** What each watcher watches. */
  enum FanOut { SCOPE, KEY }

  private final LagRecorder commitLag = new LagRecorder();
  private final LagRecorder sendLag = new LagRecorder();
  /** The lags of every round's lag phase. */
  private final Histogram commitTotal = new Histogram(3);
  private final Histogram sendTotal = new Histogram(3);
  private final LongAdder delivered = new LongAdder();
  /** Set during the lag phases only: the listeners of the closed-loop phases just count. */
  private final AtomicBoolean recordingLags = new AtomicBoolean();
  private CpuMeter cpu;
  private ThreadNice nice;
  private final AtomicReference<StateKvException> failure = new AtomicReference<>();

  public static void main(String[] args) {
    System.exit(new CommandLine(new WatchLagBench()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Duration phase = Duration.ofSeconds(seconds);
    nice = new ThreadNice(watcherNice);
    if (watcherNice > 0) {
      System.out.printf("the watchers' client I/O threads run at niceness %d%n", watcherNice);
    }
    cpu = new CpuMeter(clusterPid);
    try (StateKvClient writer = StateKvClient.builder().endpoints(endpoints).requestTimeout(Duration.ofSeconds(20))
        .clientName("watch-bench-writer").build()) {
      WriteLoad load = new WriteLoad(writer, filter == FanOut.KEY ? watchers : WriteLoad.KEYS);
      load.closedLoop(inFlight, Duration.ofSeconds(warmupSeconds));
      Phase before = closedLoop(load, phase);
      System.out.printf("throughput without watchers: %.0f writes/s (%d in flight, %d s)%s%n", before.writesPerSecond,
          inFlight, seconds, before.cpuText());
      List<Round> counted = new ArrayList<>();
      for (int round = 1 - warmupRounds; round <= rounds && failure.get() == null; round++) {
        Round r = round(load, phase, before, round > 0);
        System.out.printf("%s: %.0f writes/s with %d watchers%s; %.0f without%s; cost %.1f%% (against the mean of "
            + "%.0f and %.0f)%n", round > 0 ? "round " + round : "warm-up round (not counted)",
            r.with.writesPerSecond, watchers, r.with.cpuText(), r.after.writesPerSecond, r.after.cpuText(),
            100 * r.cost(), before.writesPerSecond, r.after.writesPerSecond);
        if (cpu.measuresCluster()) {
          System.out.printf("  at %d writes/s, CPU per write with the watchers: cluster %.0f us, benchmark %.0f us "
              + "(lags recorded); without: cluster %.0f us, benchmark %.0f us%n", rate, r.ratedWith.cluster(),
              r.ratedWith.bench(), r.ratedWithout.cluster(), r.ratedWithout.bench());
        }
        if (round > 0) {
          counted.add(r);
        }
        before = r.after;
      }
      report(counted);
      return failure.get() == null ? 0 : 1;
    }
  }

  /** A closed-loop phase: its throughput and the CPU each write cost. */
  private record Phase(double writesPerSecond, CpuMeter.PerWrite cpu, boolean clusterMeasured) {
    String cpuText() {
      return clusterMeasured
          ? String.format(" (CPU per write: cluster %.0f us, benchmark %.0f us)", cpu.cluster(), cpu.bench()) : "";
    }
  }

  private Phase closedLoop(WriteLoad load, Duration length) throws InterruptedException {
    CpuMeter.Mark start = cpu.mark();
    long acked = load.acked.get();
    double throughput = load.closedLoop(inFlight, length);
    return new Phase(throughput, cpu.mark().perWrite(start, load.acked.get() - acked), cpu.measuresCluster());
  }

  /**
   * One round's phases; {@code before} is the phase without watchers that preceded it. {@code
   * ratedWith} and {@code ratedWithout} are the CPU per write at the lag phase's fixed rate, with
   * the watchers and without them: at the same rate, the cluster batches alike, so their difference
   * is what the watchers cost it, apart from the throughput a saturated machine loses.
   */
  private record Round(Phase before, Phase with, Phase after, CpuMeter.PerWrite ratedWith,
      CpuMeter.PerWrite ratedWithout, long skipped) {
    double cost() {
      return 1 - with.writesPerSecond / ((before.writesPerSecond + after.writesPerSecond) / 2);
    }

    /** The growth of the cluster's CPU per write with the watchers, against the mean without. */
    double clusterCpuGrowth() {
      return with.cpu.cluster() / ((before.cpu.cluster() + after.cpu.cluster()) / 2) - 1;
    }

    /** The growth of the cluster's CPU per write with the watchers at the fixed rate. */
    double ratedClusterCpuGrowth() {
      return ratedWith.cluster() / ratedWithout.cluster() - 1;
    }
  }

  /**
   * Opens the watchers, measures the closed loop and the lag with them, closes them, measures the
   * fixed rate and the closed loop without; the lags count when {@code counted}.
   */
  private Round round(WriteLoad load, Duration phase, Phase before, boolean counted) throws InterruptedException {
    List<StateKvClient> watcherSide = new ArrayList<>();
    try {
      List<Watch> watches = openWatchers(watcherSide, load);
      long ackedAtOpen = load.acked.get();
      Phase with = closedLoop(load, phase);
      awaitDelivery(load, ackedAtOpen);
      load.committedAt.clear();
      commitLag.reset();
      sendLag.reset();
      recordingLags.set(true);
      CpuMeter.Mark start = cpu.mark();
      long ackedBefore = load.acked.get();
      long skipped = load.openLoop(rate, 4 * inFlight, phase);
      awaitDelivery(load, ackedAtOpen);
      CpuMeter.PerWrite ratedWith = cpu.mark().perWrite(start, load.acked.get() - ackedBefore);
      recordingLags.set(false);
      if (counted) {
        commitTotal.add(commitLag.intervalHistogram());
        sendTotal.add(sendLag.intervalHistogram());
      }
      watches.forEach(Watch::cancel);
      watcherSide.forEach(StateKvClient::close);
      watcherSide.clear();
      delivered.reset();
      start = cpu.mark();
      ackedBefore = load.acked.get();
      skipped += load.openLoop(rate, 4 * inFlight, phase);
      CpuMeter.PerWrite ratedWithout = cpu.mark().perWrite(start, load.acked.get() - ackedBefore);
      return new Round(before, with, closedLoop(load, phase), ratedWith, ratedWithout, skipped);
    } finally {
      watcherSide.forEach(StateKvClient::close);
    }
  }

  /** Opens the watchers, spread over clients whose endpoint lists start at different nodes. */
  private List<Watch> openWatchers(List<StateKvClient> clients, WriteLoad load) {
    for (int c = 0; c < watcherClients; c++) {
      List<String> rotated = new ArrayList<>(endpoints);
      Collections.rotate(rotated, c);
      clients.add(StateKvClient.builder().endpoints(rotated).clientName("watch-bench-" + c).build());
    }
    List<Watch> watches = new ArrayList<>();
    for (int i = 0; i < watchers; i++) {
      LagListener listener = new LagListener(load.committedAt, commitLag, sendLag, delivered, recordingLags, failure,
          nice);
      WatchFilter f = WatchFilter.scope(WriteLoad.SCOPE);
      watches.add(clients.get(i % watcherClients).watch(filter == FanOut.KEY ? f.withKey(WriteLoad.key(i)) : f,
          0, listener, true));
    }
    await("every watch to start", Duration.ofSeconds(120), () -> watches.stream().allMatch(w -> w.lastRevision() > 0));
    return watches;
  }

  /** Waits until every watcher has every acknowledged write since the watchers opened. */
  private void awaitDelivery(WriteLoad load, long ackedAtOpen) {
    long expected = (load.acked.get() - ackedAtOpen) * (filter == FanOut.KEY ? 1 : watchers);
    await(expected + " deliveries", Duration.ofSeconds(300), () -> delivered.sum() >= expected || failure.get() != null);
  }

  private void report(List<Round> counted) {
    Histogram commit = commitTotal;
    Histogram send = sendTotal;
    long skipped = counted.stream().mapToLong(Round::skipped).sum();
    System.out.printf("lag phases: %d writes/s for %d s in each of %d rounds to %d watchers (filter %s); %d write slots "
        + "skipped (in-flight bound)%n", rate, seconds, rounds, watchers, filter.name().toLowerCase(java.util.Locale.ROOT),
        skipped);
    System.out.printf("commit-to-delivery lag ms: p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  (%d deliveries)%n",
        ms(commit, 50), ms(commit, 99), ms(commit, 99.9), commit.getMaxValue() / 1e6, commit.getTotalCount());
    System.out.printf("send-to-delivery lag ms:   p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
        ms(send, 50), ms(send, 99), ms(send, 99.9), send.getMaxValue() / 1e6);
    System.out.println("watch errors: " + (failure.get() == null ? "none" : failure.get().toString()));
    if (counted.isEmpty()) {
      return;
    }
    printMedian("watcher cost", counted.stream().map(Round::cost).toList(), "each round's throughput with watchers "
        + "against the mean of the phases without them just before and after");
    if (cpu.measuresCluster()) {
      printMedian("cluster CPU per write with the watchers", counted.stream().map(Round::clusterCpuGrowth).toList(),
          "growth against the mean of the phases without them just before and after");
      printMedian("cluster CPU per write with the watchers at " + rate + " writes/s",
          counted.stream().map(Round::ratedClusterCpuGrowth).toList(), "the same rate with and without them");
    }
  }

  private static void printMedian(String what, List<Double> values, String how) {
    List<Double> sorted = values.stream().sorted().toList();
    System.out.printf("%s: %+.1f%% (median of %d rounds, range %+.1f%% to %+.1f%%; %s)%n", what,
        100 * sorted.get(sorted.size() / 2), sorted.size(), 100 * sorted.get(0), 100 * sorted.get(sorted.size() - 1), how);
  }

  private static double ms(Histogram h, double percentile) {
    return h.getValueAtPercentile(percentile) / 1e6;
  }

  private static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
    }
  }
}
