package io.statekv.bench.storage;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.statekv.storage.ApplyOutput;
import io.statekv.storage.Command;
import io.statekv.storage.Entry;
import io.statekv.storage.Json;
import io.statekv.storage.ListPage;
import io.statekv.storage.ListQuery;
import io.statekv.storage.Request;
import io.statekv.storage.StateStore;
import io.statekv.storage.UpdateOp;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-threaded throughput of the store at {@code keys} entries of 256-byte values (one million
 * by default): writes through apply, one log entry per op or a hundred per entry; point reads;
 * update ops; and list pages of a hundred entries. Keys are drawn uniformly at random from the
 * filled set, so writes overwrite existing entries and the size stays at {@code keys}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseG1GC"})
public class StoreBenchmark {
  private static final int PICKS = 1 << 20;
  private static final int BATCH = 100;

  @Param("1000000")
  public int keys;

  private StateStore store;
  private int[] picks;
  private int next;
  private long revision;
  private long stamp = StoreFixture.STAMP;
  private Json[] values;
  private List<UpdateOp> updateOps;

  @Setup(Level.Trial)
  public void fill() {
    store = StateStore.create();
    revision = StoreFixture.fill(store, keys);
    SplittableRandom rnd = new SplittableRandom(42);
    picks = new int[PICKS];
    for (int i = 0; i < PICKS; i++) {
      picks[i] = rnd.nextInt(keys);
    }
    values = new Json[] {StoreFixture.value(5), StoreFixture.value(6), StoreFixture.value(7)};
    JsonNodeFactory f = JsonNodeFactory.instance;
    updateOps =
        List.of(
            new UpdateOp.Merge(List.of(), f.objectNode().put("status", "active")),
            new UpdateOp.Increment("count", 1));
  }

  @TearDown(Level.Trial)
  public void close() {
    store.close();
  }

  private String nextKey() {
    return StoreFixture.key(picks[next++ & (PICKS - 1)]);
  }

  private Command.Set nextSet() {
    return new Command.Set(StoreFixture.SCOPE, nextKey(), values[next % 3], Command.NO_TTL, Command.ANY_REVISION);
  }

  /** One set per log entry. */
  @Benchmark
  public ApplyOutput set() {
    return store.apply(++revision, ++stamp, List.of(new Request(null, nextSet())));
  }

  /** A hundred sets per log entry, as a Raft leader batches client requests. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public ApplyOutput setBatch() {
    List<Request> entry = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      entry.add(new Request(null, nextSet()));
    }
    return store.apply(++revision, ++stamp, entry);
  }

  @Benchmark
  public Entry get() {
    return store.get(StoreFixture.SCOPE, nextKey(), stamp);
  }

  /** An update with a root merge and an increment, one per log entry. */
  @Benchmark
  public ApplyOutput update() {
    Command.Update u =
        new Command.Update(StoreFixture.SCOPE, nextKey(), updateOps, Command.NO_TTL, Command.ANY_REVISION);
    return store.apply(++revision, ++stamp, List.of(new Request(null, u)));
  }

  /** One page of a hundred entries with values, from a random cursor. */
  @Benchmark
  public ListPage listPage() {
    return store.list(new ListQuery(StoreFixture.SCOPE, "", nextKey(), 100, false), stamp);
  }
}
