package io.statekv.chaos.nemesis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs faults on a thread of its own: a quiet interval, the next fault, a fault interval, heal,
 * and again, until stopped. Faults come in rounds: each round runs every nemesis once, in an order
 * shuffled anew per round, so that a run with at least as many faults as nemeses has injected
 * each of them. Every order and interval comes from the context's seeded random source. Every
 * fault window is kept for the report.
 *
 * <p>Thread-safe: {@link #stop()} and {@link #windows()} may be called from any thread.
 */
public final class NemesisSchedule {
  private static final Logger LOG = LoggerFactory.getLogger(NemesisSchedule.class);

  /**
   * Interval bounds.
   *
   * @param quietMin shortest pause between faults
   * @param quietMax longest pause between faults
   * @param faultMin shortest time a fault stays
   * @param faultMax longest time a fault stays
   */
  public record Intervals(Duration quietMin, Duration quietMax, Duration faultMin,
      Duration faultMax) {
    /** Short runs of 20-60 s see several faults with these. */
    public static final Intervals DEFAULT = new Intervals(Duration.ofSeconds(3),
        Duration.ofSeconds(6), Duration.ofSeconds(4), Duration.ofSeconds(8));

    public Intervals {
      if (quietMin.isNegative() || quietMax.compareTo(quietMin) < 0
          || faultMin.isNegative() || faultMax.compareTo(faultMin) < 0) {
        throw new IllegalArgumentException("intervals need 0 <= min <= max: " + quietMin + ", "
            + quietMax + ", " + faultMin + ", " + faultMax);
      }
    }
  }

  private final List<Nemesis> nemeses;
  private final NemesisContext context;
  private final Intervals intervals;
  private final FaultListener listener;
  private final LongSupplier clock;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final List<FaultWindow> windows = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();
  private Thread thread;
  private Fault current;
  private FaultWindow currentWindow;

  /**
   * @param clock nanoseconds since the run started, the history's clock
   */
  public NemesisSchedule(List<Nemesis> nemeses, NemesisContext context, Intervals intervals,
      FaultListener listener, LongSupplier clock) {
    this.nemeses = List.copyOf(nemeses);
    this.context = Objects.requireNonNull(context, "context");
    this.intervals = Objects.requireNonNull(intervals, "intervals");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Starts the fault thread; with no nemeses it does nothing. */
  public synchronized void start() {
    if (nemeses.isEmpty() || thread != null) {
      return;
    }
    thread = new Thread(this::loop, "nemesis");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    List<Nemesis> round = new ArrayList<>();
    while (!waitOrStop(pick(intervals.quietMin(), intervals.quietMax()))) {
      if (round.isEmpty()) {
        round.addAll(nemeses);
        Collections.shuffle(round, context.random());
      }
      Nemesis nemesis = round.remove(0);
      Duration hold = pick(intervals.faultMin(), intervals.faultMax());
      if (!inject(nemesis)) {
        continue;
      }
      waitOrStop(hold);
      healCurrent();
    }
  }

  private boolean inject(Nemesis nemesis) {
    long start = clock.getAsLong();
    try {
      Fault fault = nemesis.inject(context);
      FaultWindow window = new FaultWindow(fault.kind(), fault.targets(), fault.description(),
          start, FaultWindow.OPEN);
      synchronized (this) {
        current = fault;
        currentWindow = window;
      }
      listener.started(window);
      LOG.info("fault: {} {}", fault.kind(), fault.description());
      return true;
    } catch (Exception e) {
      recordError("inject " + nemesis.name(), e);
      return false;
    }
  }

  /** Heals the fault in force, if any, and closes its window. */
  private void healCurrent() {
    Fault fault;
    FaultWindow window;
    synchronized (this) {
      fault = current;
      window = currentWindow;
      current = null;
      currentWindow = null;
    }
    if (fault == null) {
      return;
    }
    try {
      fault.heal();
    } catch (Exception e) {
      recordError("heal " + fault.kind(), e);
    }
    FaultWindow closed = window.closedAt(clock.getAsLong());
    synchronized (this) {
      windows.add(closed);
    }
    listener.ended(closed);
  }

  /**
   * Stops injecting, heals the fault in force and waits for the thread to end.
   *
   * @throws IllegalStateException if the thread does not end within {@code timeout}
   */
  public void stop(Duration timeout) throws InterruptedException {
    stopped.countDown();
    Thread running;
    synchronized (this) {
      running = thread;
    }
    if (running != null) {
      running.join(timeout.toMillis());
      if (running.isAlive()) {
        throw new IllegalStateException("the nemesis thread did not stop within " + timeout);
      }
    }
  }

  /** The closed windows plus the open one, in start order. */
  public synchronized List<FaultWindow> windows() {
    List<FaultWindow> all = new ArrayList<>(windows);
    if (currentWindow != null) {
      all.add(currentWindow);
    }
    return all;
  }

  /** Injections and heals that failed, in words. */
  public synchronized List<String> errors() {
    return List.copyOf(errors);
  }

  /** The fault in force, or null. */
  public synchronized FaultWindow currentWindow() {
    return currentWindow;
  }

  private synchronized void recordError(String what, Exception e) {
    LOG.warn("nemesis could not {}: {}", what, e.toString());
    errors.add(what + ": " + e);
  }

  private Duration pick(Duration min, Duration max) {
    long span = max.toMillis() - min.toMillis();
    return min.plusMillis(span == 0 ? 0 : (long) (context.random().nextDouble() * span));
  }

  /** Waits {@code duration}; true if stopped meanwhile. */
  private boolean waitOrStop(Duration duration) {
    try {
      return stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }
}
