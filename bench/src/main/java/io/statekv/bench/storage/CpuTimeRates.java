package io.statekv.bench.storage;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.statekv.storage.Command;
import io.statekv.storage.Json;
import io.statekv.storage.ListQuery;
import io.statekv.storage.Request;
import io.statekv.storage.StateStore;
import io.statekv.storage.UpdateOp;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * The operations of {@link StoreBenchmark}, timed by the CPU time of the benchmark thread as well
 * as by the wall clock. On a machine shared with other work, wall-clock throughput mostly measures
 * how often the thread gets a core; operations per CPU-second estimate what one free core does.
 * Use JMH's figures on a quiet machine, and these where it is not.
 *
 * <p>Arguments: entries (default 1,000,000), rounds (default 3), and optionally the names of
 * the operations to run (set, setBatch, get, update, listPage).
 */
public final class CpuTimeRates {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final int PICKS = 1 << 20;
  private static final int BATCH = 100;

  private final StateStore store = StateStore.create();
  private final int[] picks = new int[PICKS];
  private final Json[] values = {StoreFixture.value(5), StoreFixture.value(6), StoreFixture.value(7)};
  private final List<UpdateOp> updateOps =
      List.of(
          new UpdateOp.Merge(List.of(), JsonNodeFactory.instance.objectNode().put("status", "active")),
          new UpdateOp.Increment("count", 1));
  private long revision;
  private Object sink;

  private CpuTimeRates(int keys) {
    revision = StoreFixture.fill(store, keys);
    SplittableRandom rnd = new SplittableRandom(42);
    for (int i = 0; i < PICKS; i++) {
      picks[i] = rnd.nextInt(keys);
    }
  }

  public static void main(String[] args) {
    int keys = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    List<String> only = args.length > 2 ? List.of(args).subList(2, args.length) : List.of();
    CpuTimeRates bench = new CpuTimeRates(keys);
    for (int round = 1; round <= rounds; round++) {
      System.out.println("round " + round);
      bench.run(only, "set", 300_000, 1, bench::set);
      bench.run(only, "setBatch", 3_000, BATCH, bench::setBatch);
      bench.run(only, "get", 1_000_000, 1, bench::get);
      bench.run(only, "update", 200_000, 1, bench::update);
      bench.run(only, "listPage", 20_000, 1, bench::listPage);
    }
    bench.store.close();
  }

  private void run(List<String> only, String name, int calls, int opsPerCall, IntFunction<Object> op) {
    if (!only.isEmpty() && !only.contains(name)) {
      return;
    }
    for (int i = 0; i < calls / 4; i++) {
      sink = op.apply(i);
    }
    long cpu0 = THREADS.getCurrentThreadCpuTime();
    long wall0 = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      sink = op.apply(i);
    }
    double cpu = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9;
    double wall = (System.nanoTime() - wall0) / 1e9;
    double ops = (double) calls * opsPerCall;
    System.out.printf("  %-9s %,11.0f ops per CPU-second  %,11.0f ops per wall-second%n", name, ops / cpu, ops / wall);
  }

  private String key(int i) {
    return StoreFixture.key(picks[i & (PICKS - 1)]);
  }

  private Command.Set setOf(int i) {
    return new Command.Set(StoreFixture.SCOPE, key(i), values[i % 3], Command.NO_TTL, Command.ANY_REVISION);
  }

  private Object set(int i) {
    return store.apply(++revision, StoreFixture.STAMP, List.of(new Request(null, setOf(i))));
  }

  private Object setBatch(int i) {
    List<Request> entry = new ArrayList<>(BATCH);
    for (int j = 0; j < BATCH; j++) {
      entry.add(new Request(null, setOf(i * BATCH + j)));
    }
    return store.apply(++revision, StoreFixture.STAMP, entry);
  }

  private Object get(int i) {
    return store.get(StoreFixture.SCOPE, key(i), StoreFixture.STAMP);
  }

  private Object update(int i) {
    Command.Update u =
        new Command.Update(StoreFixture.SCOPE, key(i), updateOps, Command.NO_TTL, Command.ANY_REVISION);
    return store.apply(++revision, StoreFixture.STAMP, List.of(new Request(null, u)));
  }

  private Object listPage(int i) {
    return store.list(new ListQuery(StoreFixture.SCOPE, "", key(i), 100, false), StoreFixture.STAMP);
  }
}
