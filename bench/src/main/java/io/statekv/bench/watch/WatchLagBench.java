package io.statekv.bench.watch;

import io.statekv.client.StateKvClient;
import io.statekv.client.StateKvException;
import io.statekv.client.Watch;
import io.statekv.client.WatchFilter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Watch fan-out under load, against a running cluster (see bench/watch.sh): the write throughput
 * with and without {@code --watchers} open watches, and the lag from commit to delivery at every
 * watcher while writes arrive at {@code --rate} a second. The phases without watchers come before
 * and after the ones with them, so that drift (JIT, a noisy machine) does not favour either side.
 * Prints one report on stdout.
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

  @Option(names = "--warmup", defaultValue = "60",
      description = "seconds of unmeasured writes first: on 2 cores the JIT of four JVMs takes about a minute")
  int warmupSeconds;

  @Option(names = "--filter", defaultValue = "scope", description = "scope: every watcher watches the "
      + "whole scope and gets every write; key: watcher i watches key k<i> alone and the writes go "
      + "round the watchers' keys, so each write reaches one watcher")
  FanOut filter;

  /** What each watcher watches. */
  enum FanOut { SCOPE, KEY }

  private final Recorder commitLag = new Recorder(3);
  private final Recorder sendLag = new Recorder(3);
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicReference<StateKvException> failure = new AtomicReference<>();

  public static void main(String[] args) {
    System.exit(new CommandLine(new WatchLagBench()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Duration phase = Duration.ofSeconds(seconds);
    List<StateKvClient> watcherSide = new ArrayList<>();
    try (StateKvClient writer = StateKvClient.builder().endpoints(endpoints).requestTimeout(Duration.ofSeconds(20))
        .clientName("watch-bench-writer").build()) {
      WriteLoad load = new WriteLoad(writer, filter == FanOut.KEY ? watchers : WriteLoad.KEYS);
      load.closedLoop(inFlight, Duration.ofSeconds(warmupSeconds));
      double before = load.closedLoop(inFlight, phase);
      System.out.printf("throughput without watchers: %.0f writes/s (%d in flight, %d s)%n", before, inFlight, seconds);

      List<Watch> watches = openWatchers(watcherSide, load);
      long ackedAtOpen = load.acked.get();
      double with = load.closedLoop(inFlight, phase);
      System.out.printf("throughput with %d watchers: %.0f writes/s%n", watchers, with);
      awaitDelivery(load, ackedAtOpen);

      commitLag.reset();
      sendLag.reset();
      long skipped = load.openLoop(rate, 4 * inFlight, phase);
      awaitDelivery(load, ackedAtOpen);
      report(skipped);
      watches.forEach(Watch::cancel);
      watcherSide.forEach(StateKvClient::close);
      watcherSide.clear();

      double after = load.closedLoop(inFlight, phase);
      double without = (before + after) / 2;
      System.out.printf("throughput without watchers, again: %.0f writes/s%n", after);
      System.out.printf("watcher cost: %.1f%% (with watchers against the mean of the phases before and after)%n",
          100 * (1 - with / without));
      return failure.get() == null ? 0 : 1;
    } finally {
      watcherSide.forEach(StateKvClient::close);
    }
  }

  /** Opens the watchers, spread over clients whose endpoint lists start at different nodes. */
  private List<Watch> openWatchers(List<StateKvClient> clients, WriteLoad load) {
    for (int c = 0; c < watcherClients; c++) {
      List<String> rotated = new ArrayList<>(endpoints);
      java.util.Collections.rotate(rotated, c);
      clients.add(StateKvClient.builder().endpoints(rotated).clientName("watch-bench-" + c).build());
    }
    List<Watch> watches = new ArrayList<>();
    for (int i = 0; i < watchers; i++) {
      LagListener listener = new LagListener(load.committedAt, commitLag, sendLag, delivered, failure);
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
    await(expected + " deliveries", Duration.ofSeconds(300), () -> delivered.get() >= expected || failure.get() != null);
  }

  private void report(long skipped) {
    Histogram commit = commitLag.getIntervalHistogram();
    Histogram send = sendLag.getIntervalHistogram();
    System.out.printf("lag phase: %d writes/s for %d s to %d watchers (filter %s); %d write slots skipped "
        + "(in-flight bound)%n", rate, seconds, watchers, filter.name().toLowerCase(java.util.Locale.ROOT), skipped);
    System.out.printf("commit-to-delivery lag ms: p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  (%d deliveries)%n",
        ms(commit, 50), ms(commit, 99), ms(commit, 99.9), commit.getMaxValue() / 1e6, commit.getTotalCount());
    System.out.printf("send-to-delivery lag ms:   p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
        ms(send, 50), ms(send, 99), ms(send, 99.9), send.getMaxValue() / 1e6);
    System.out.println("watch errors: " + (failure.get() == null ? "none" : failure.get().toString()));
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
