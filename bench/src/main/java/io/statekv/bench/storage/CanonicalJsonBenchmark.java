package io.statekv.bench.storage;

import io.statekv.storage.Json;
import io.statekv.storage.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every replica pays to turn a value from the log into its stored form: {@link
 * JsonCodec#canonical}, which scans text that is already canonical and takes it as it is, against
 * parsing it into a tree and writing it back, which is what apply did for every value before.
 * Run with {@code -prof gc} to see the allocation per value as well.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CanonicalJsonBenchmark {
  /** A session-like object of about 256 bytes, and the load generator's 256-byte JSON string. */
  @Param({"object", "string"})
  public String shape;

  private byte[] value;

  @Setup
  public void prepare() {
    String text = switch (shape) {
      case "object" -> "{\"user\":\"u-20481\",\"session\":\"9f2c4e1a-77b0-4d5e-a1c3-0b8e6f2d9a41\","
          + "\"count\":1742,\"cart\":[{\"sku\":\"A-100\",\"qty\":2},{\"sku\":\"B-220\",\"qty\":1}],"
          + "\"flags\":{\"beta\":true,\"dark\":false},\"locale\":\"fr-FR\",\"updated\":1765123456789,"
          + "\"note\":\"déjà vu at the café\"}";
      case "string" -> "\"" + "v".repeat(254) + "\"";
      default -> throw new IllegalArgumentException("unknown shape " + shape);
    };
    value = text.getBytes(StandardCharsets.UTF_8);
    if (JsonCodec.canonical(value).bytes() != value) {
      throw new IllegalStateException("the benchmark value is not canonical: it would not measure the scan");
    }
  }

  @Benchmark
  public Json canonical() {
    return JsonCodec.canonical(value);
  }

  @Benchmark
  public Json parseAndWrite() {
    return Json.of(JsonCodec.parse(value));
  }
}
