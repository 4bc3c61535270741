package io.statekv.chaos.workload;

import io.statekv.chaos.history.OpType;
import io.statekv.client.StateKvClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Runs a workload's operations from C concurrent client processes, each on its own thread with
 * its own client, at a target total rate, recording every invocation and completion.
 *
 * <p>Process ids follow Jepsen: worker i starts as process i; when an operation of a process ends
 * in {@code info} its client may still have that request in flight, so the worker continues as a
 * new process, {@code id + C}. Thread-safe to {@link #stop()} from another thread.
 */
public final class ClientProcesses {
  private final Workload workload;
  private final HistoryRecorder recorder;
  private final IntFunction<StateKvClient> clients;
  private final int concurrency;
  private final double rate;
  private final long seed;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean stopping;

  /**
   * @param clients makes the client of worker i; each worker closes its own
   * @param concurrency how many processes run at once
   * @param rate the target total operations per second over all processes
   * @param seed the seed of worker i's random source is {@code seed + i}
   */
  public ClientProcesses(Workload workload, HistoryRecorder recorder,
      IntFunction<StateKvClient> clients, int concurrency, double rate, long seed) {
    if (concurrency < 1 || rate <= 0) {
      throw new IllegalArgumentException("need concurrency >= 1 and rate > 0, got " + concurrency
          + " and " + rate);
    }
    this.workload = Objects.requireNonNull(workload, "workload");
    this.recorder = Objects.requireNonNull(recorder, "recorder");
    this.clients = Objects.requireNonNull(clients, "clients");
    this.concurrency = concurrency;
    this.rate = rate;
    this.seed = seed;
  }

  /** Starts the processes; they run until {@link #stop()}. */
  public synchronized void start() {
    for (int i = 0; i < concurrency; i++) {
      int worker = i;
      Thread thread = new Thread(() -> work(worker), "client-" + worker);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
  }

  private void work(int worker) {
    Random random = new Random(seed + worker);
    long interval = (long) (1e9 * concurrency / rate);
    // Spread the first operations over one interval so the workers do not fire in lockstep.
    long next = System.nanoTime() + (long) (random.nextDouble() * interval);
    long process = worker;
    try (StateKvClient client = clients.apply(worker)) {
      while (!stopping) {
        LockSupport.parkNanos(next - System.nanoTime());
        next = Math.max(next + interval, System.nanoTime() - interval);
        if (stopping) {
          break;
        }
        OpType ended = perform(client, process, workload.next(random));
        if (ended == OpType.INFO) {
          process += concurrency;
        }
      }
    }
  }

  /** Runs one operation as {@code process} and records it; returns how it ended. Thread-safe. */
  public OpType perform(StateKvClient client, long process, Invocation op) {
    recorder.invoke(process, op);
    Completion completion;
    try {
      completion = workload.apply(client, op);
    } catch (RuntimeException e) {
      completion = new Completion(Outcomes.classify(e, op.readOnly()), op.value(),
          Outcomes.describe(e));
    }
    recorder.complete(process, op.f(), completion);
    return completion.type();
  }

  /** Asks every process to stop after its current operation, and waits for them. */
  public void stop(Duration timeout) throws InterruptedException {
    stopping = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread thread : threads) {
      thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      if (thread.isAlive()) {
        throw new IllegalStateException(thread.getName() + " did not stop within " + timeout);
      }
    }
  }

  /** The first process id not used by the running processes' first generation. */
  public int concurrency() {
    return concurrency;
  }
}
