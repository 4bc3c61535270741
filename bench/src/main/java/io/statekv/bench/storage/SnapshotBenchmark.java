package io.statekv.bench.storage;

import io.statekv.storage.StateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to write a snapshot of {@code keys} entries of 256-byte values (fsync included), and to
 * load and verify one. Each measurement is a single write or load; the first Chronicle map of
 * the JVM is created during setup, so loads do not pay its one-time class generation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseG1GC"})
public class SnapshotBenchmark {
  @Param("1000000")
  public int keys;

  private StateStore store;
  private Path dir;
  private Path file;
  private StateStore loaded;

  @Setup(Level.Trial)
  public void fill() throws IOException {
    store = StateStore.create();
    StoreFixture.fill(store, keys);
    dir = Files.createTempDirectory("statekv-snapshot-bench");
    file = dir.resolve("state.snap");
    store.writeSnapshot(file);
  }

  @TearDown(Level.Iteration)
  public void closeLoaded() {
    if (loaded != null) {
      loaded.close();
      loaded = null;
    }
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    store.close();
    Files.deleteIfExists(file);
    Files.deleteIfExists(dir);
  }

  @Benchmark
  public void write() throws IOException {
    store.writeSnapshot(file);
  }

  @Benchmark
  public long load() throws IOException {
    loaded = StateStore.openSnapshot(file);
    return loaded.appliedRevision();
  }
}
