package io.statekv.bench.failover;

import io.statekv.client.ReadOptions;
import io.statekv.client.StateKvClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures a running local cluster (started by {@code ./statekv dev}): write and linearizable read
 * throughput with a fixed number of requests in flight, then the leader failover time, by killing
 * the leader's process with SIGKILL under write load and restarting it, several times over.
 * {@code bench/failover.sh} starts the cluster and runs this.
 */
@Command(name = "failover-bench", mixinStandardHelpOptions = true,
    description = "Throughput and leader failover time of a local dev cluster.")
public final class FailoverBench implements Callable<Integer> {
  @Option(names = "--endpoints", required = true, split = ",", description = "Client addresses of the cluster.")
  List<String> endpoints;

  @Option(names = "--data-root", required = true, description = "The dev cluster's data root (holds dev/<id>.yaml).")
  Path dataRoot;

  @Option(names = "--in-flight", defaultValue = "64")
  int inFlight;

  @Option(names = "--keys", defaultValue = "100000")
  int keys;

  @Option(names = "--value-bytes", defaultValue = "256")
  int valueBytes;

  @Option(names = "--seconds", defaultValue = "20", description = "Length of each throughput phase.")
  int seconds;

  @Option(names = "--rounds", defaultValue = "5", description = "Leader kills.")
  int rounds;

  private String value;

  public static void main(String[] args) {
    System.exit(new CommandLine(new FailoverBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    value = "v".repeat(valueBytes - 2); // a JSON string of valueBytes bytes, quotes included
    try (StateKvClient client = StateKvClient.builder().endpoints(endpoints).maxInFlight(inFlight * 2)
        .requestTimeout(Duration.ofSeconds(30)).build()) {
      preload(client);
      phase("write", timed(writes(client)));
      phase("read-linearizable", timed(() -> client.getAsync("bench", randomKey(), ReadOptions.DEFAULT)));
      List<FailoverRound> results = failovers(client);
      FailoverRound.printSummary(results, System.out);
    }
    return 0;
  }

  private Supplier<CompletableFuture<?>> writes(StateKvClient client) {
    return () -> client.setAsync("bench", randomKey(), value);
  }

  private String randomKey() {
    return "k" + ThreadLocalRandom.current().nextInt(keys);
  }

  private void preload(StateKvClient client) throws InterruptedException {
    int[] next = {0};
    ClosedLoop loop = new ClosedLoop(inFlight, () -> {
      int k;
      synchronized (next) {
        k = next[0]++;
      }
      return client.setAsync("bench", "k" + (k % keys), value);
    }, new AckTimeline());
    Thread t = started(loop);
    while (loop.ok() < keys && t.isAlive()) {
      Thread.sleep(200); // polling a counter for progress output, not synchronizing
      System.out.printf("preload %d/%d%n", loop.ok(), keys);
    }
    loop.stop();
    t.join();
  }

  /** What one throughput phase measured. */
  record Phase(double opsPerSecond, Histogram latencyMicros, long failed) {}

  private Phase timed(Supplier<CompletableFuture<?>> request) throws InterruptedException {
    ClosedLoop loop = new ClosedLoop(inFlight, request, new AckTimeline());
    Thread t = started(loop);
    long warmupEnd = System.nanoTime() + Duration.ofSeconds(Math.max(1, seconds / 5)).toNanos();
    sleepUntil(warmupEnd);
    long okBefore = loop.ok();
    loop.takeLatencies();
    long start = System.nanoTime();
    sleepUntil(start + Duration.ofSeconds(seconds).toNanos());
    long done = loop.ok() - okBefore;
    double elapsed = (System.nanoTime() - start) / 1e9;
    Histogram h = loop.takeLatencies();
    loop.stop();
    t.join();
    return new Phase(done / elapsed, h, loop.failed());
  }

  private void phase(String name, Phase p) {
    System.out.printf("RESULT %s in_flight=%d value_bytes=%d ops_per_s=%.0f p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f failed=%d%n",
        name, inFlight, valueBytes, p.opsPerSecond(), p.latencyMicros().getValueAtPercentile(50) / 1e3,
        p.latencyMicros().getValueAtPercentile(99) / 1e3, p.latencyMicros().getValueAtPercentile(99.9) / 1e3, p.failed());
  }

  private List<FailoverRound> failovers(StateKvClient client) throws Exception {
    AckTimeline timeline = new AckTimeline();
    ClosedLoop load = new ClosedLoop(inFlight, writes(client), timeline);
    Thread t = started(load);
    List<FailoverRound> results = new ArrayList<>();
    try {
      for (int round = 1; round <= rounds; round++) {
        results.add(FailoverRound.run(round, client, timeline, dataRoot));
        System.out.println(results.get(results.size() - 1));
      }
    } finally {
      load.stop();
      t.join();
    }
    return results;
  }

  static void sleepUntil(long nanos) throws InterruptedException {
    long left;
    while ((left = nanos - System.nanoTime()) > 0) {
      Thread.sleep(Math.max(1, left / 1_000_000)); // a timed measurement window, not synchronization
    }
  }

  private static Thread started(ClosedLoop loop) {
    Thread t = new Thread(() -> runQuietly(loop), "load");
    t.start();
    return t;
  }

  private static void runQuietly(ClosedLoop loop) {
    try {
      loop.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
