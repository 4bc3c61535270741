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
 * watcher while writes arrive at {@code --rate} a second. Prints one report on stdout.
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

  private final Recorder commitLag = new Recorder(3);
  private final Recorder sendLag = new Recorder(3);
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicReference<StateKvException> failure = new AtomicReference<>();

  public static void main(String[] args) {
    System.exit(new CommandLine(new WatchLagBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Duration phase = Duration.ofSeconds(seconds);
    List<StateKvClient> watcherSide = new ArrayList<>();
    try (StateKvClient writer = StateKvClient.builder().endpoints(endpoints).requestTimeout(Duration.ofSeconds(20))
        .clientName("watch-bench-writer").build()) {
      WriteLoad load = new WriteLoad(writer);
      load.closedLoop(inFlight, Duration.ofSeconds(5));
      double without = load.closedLoop(inFlight, phase);
      System.out.printf("throughput without watchers: %.0f writes/s (%d in flight, %d s)%n", without, inFlight, seconds);

      List<Watch> watches = openWatchers(watcherSide, load);
      long ackedAtOpen = load.acked.get();
      double with = load.closedLoop(inFlight, phase);
      System.out.printf("throughput with %d watchers: %.0f writes/s; cost %.1f%%%n", watchers, with, 100 * (1 - with / without));
      awaitDelivery(load, ackedAtOpen);

      commitLag.reset();
      sendLag.reset();
      long skipped = load.openLoop(rate, 4 * inFlight, phase);
      awaitDelivery(load, ackedAtOpen);
      report(skipped);
      watches.forEach(Watch::cancel);
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
      watches.add(clients.get(i % watcherClients).watch(WatchFilter.scope(WriteLoad.SCOPE), 0, listener, true));
    }
    await("every watch to start", Duration.ofSeconds(120), () -> watches.stream().allMatch(w -> w.lastRevision() > 0));
    return watches;
  }

  /** Waits until every watcher has every acknowledged write since the watchers opened. */
  private void awaitDelivery(WriteLoad load, long ackedAtOpen) {
    long expected = (load.acked.get() - ackedAtOpen) * watchers;
    await(expected + " deliveries", Duration.ofSeconds(300), () -> delivered.get() >= expected || failure.get() != null);
  }

  private void report(long skipped) {
    Histogram commit = commitLag.getIntervalHistogram();
    Histogram send = sendLag.getIntervalHistogram();
    System.out.printf("lag phase: %d writes/s for %d s to %d watchers; %d write slots skipped (in-flight bound)%n",
        rate, seconds, watchers, skipped);
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
