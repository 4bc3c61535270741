package io.statekv.bench.load.internal;

import io.statekv.bench.load.Driver;
import io.statekv.bench.load.KeySpace;
import io.statekv.bench.load.Outcome;
import io.statekv.bench.load.RunResult;
import io.statekv.bench.load.RunSettings;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One run: a closed loop over the key space, a warm-up that is thrown away, then a measured
 * window read second by second. Latency counts acknowledged operations only, from the call to the
 * completion of the client's future; failures are counted by kind.
 *
 * <p>Not thread-safe: one thread calls {@link #execute}; the loop's callbacks record concurrently.
 */
public final class MeasuredRun {
  /** Longer operations are recorded as this; nothing in a bench should take a minute. */
  static final long LATENCY_NANOS_MAX = TimeUnit.MINUTES.toNanos(1);
  private static final int LATENCY_DIGITS = 3;
  private static final long SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Driver driver;
  private final KeySpace space;
  private final RunSettings settings;
  private final PrintStream progress;
  private final Recorder recorder = new Recorder(LATENCY_NANOS_MAX, LATENCY_DIGITS);
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final LongAdder conflicts = new LongAdder();

  public MeasuredRun(Driver driver, KeySpace space, RunSettings settings, PrintStream progress) {
    this.driver = driver;
    this.space = space;
    this.settings = settings;
    this.progress = progress;
  }

  /** A reading of everything a window is the difference of. */
  private record Mark(long nanos, double serverCpu, double clientCpu, long conflicts, Map<String, Long> errors, double load) {}

  public RunResult execute() throws InterruptedException {
    InFlightLoop loop = new InFlightLoop(driver, settings.inFlight(), this::next, this::done);
    int warmupSeconds = (int) settings.warmup().toSeconds();
    int totalSeconds = warmupSeconds + (int) settings.duration().toSeconds();
    Histogram measured = new Histogram(LATENCY_NANOS_MAX, LATENCY_DIGITS);
    List<Long> series = new ArrayList<>();
    ProgressLine line = new ProgressLine(progress, driver.system(), settings, warmupSeconds);
    long begin = System.nanoTime();
    loop.start();
    Mark start = warmupSeconds == 0 ? mark() : null;
    for (int second = 1; second <= totalSeconds; second++) {
      sleepUntil(begin + second * SECOND_NANOS);
      Histogram interval = recorder.getIntervalHistogram();
      if (second <= warmupSeconds) {
        line.second(second, interval, errorTotal());
        if (second == warmupSeconds) {
          start = mark();
        }
        continue;
      }
      measured.add(interval);
      series.add(interval.getTotalCount());
      line.second(second, interval, errorTotal());
    }
    Mark end = mark();
    loop.stop();
    if (!loop.awaitIdle(settings.requestTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
      progress.println("warning: operations still in flight after the run; their results are not counted");
    }
    return result(start, end, measured, series);
  }

  private InFlightLoop.Request next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return new InFlightLoop.Request(settings.workload().next(random), random.nextInt(space.keys()));
  }

  private void done(InFlightLoop.Request request, long latencyNanos, Outcome outcome, Throwable failure) {
    if (failure != null) {
      errors.computeIfAbsent(ErrorKinds.of(failure), k -> new LongAdder()).increment();
      return;
    }
    if (outcome == Outcome.CONFLICT) {
      conflicts.increment();
    }
    recorder.recordValue(Math.min(latencyNanos, LATENCY_NANOS_MAX));
  }

  private long errorTotal() {
    return errors.values().stream().mapToLong(LongAdder::sum).sum();
  }

  private Mark mark() {
    Map<String, Long> errorCounts = new LinkedHashMap<>();
    errors.forEach((kind, count) -> errorCounts.put(kind, count.sum()));
    double serverCpu = settings.serverPids().isEmpty() ? 0 : ProcessCpu.seconds(settings.serverPids());
    return new Mark(System.nanoTime(), serverCpu, ProcessCpu.self(), conflicts.sum(), errorCounts, ProcessCpu.loadAverage());
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long wait;
    while ((wait = nanos - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  private RunResult result(Mark start, Mark end, Histogram measured, List<Long> series) {
    double seconds = (end.nanos() - start.nanos()) / 1e9;
    long ops = measured.getTotalCount();
    Map<String, Long> errorDelta = new LinkedHashMap<>();
    end.errors().forEach((kind, count) -> {
      long delta = count - start.errors().getOrDefault(kind, 0L);
      if (delta > 0) {
        errorDelta.put(kind, delta);
      }
    });
    Map<String, Double> latency = new LinkedHashMap<>();
    for (String p : RunResult.PERCENTILES) {
      latency.put(p, measured.getValueAtPercentile(Double.parseDouble(p)) / 1e6);
    }
    double serverCpu = settings.serverPids().isEmpty() ? -1 : end.serverCpu() - start.serverCpu();
    double clientCpu = end.clientCpu() - start.clientCpu();
    Instant startedAt = Instant.now().minusNanos(System.nanoTime() - start.nanos());
    return new RunResult(driver.system(), settings.workload().label(), settings.inFlight(), settings.round(),
        startedAt.toString(), seconds, ops, end.conflicts() - start.conflicts(), errorDelta, ops / seconds,
        latency, ops == 0 ? 0 : measured.getMean() / 1e6, serverCpu, clientCpu,
        perOpMicros(serverCpu, ops), perOpMicros(clientCpu, ops), List.of(start.load(), end.load()), series);
  }

  private static double perOpMicros(double cpuSeconds, long ops) {
    return cpuSeconds < 0 || ops == 0 ? -1 : cpuSeconds * 1e6 / ops;
  }
}
