package io.statekv.bench.client;

import com.google.protobuf.ByteString;
import io.statekv.client.WatchEvent;
import io.statekv.client.internal.WatchMessages;
import io.statekv.protocol.v1.Event;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the Java client pays per watch event once the response is off the wire: turning the wire
 * event into a {@link WatchEvent}, with a listener that only looks at the key, and with one that
 * also reads both values (which is what every event cost when the values were read eagerly). The
 * values are the session-like 256-byte object of {@code CanonicalJsonBenchmark}. Run with {@code
 * -prof gc} to see the allocation per event as well.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class WatchDecodeBenchmark {
  private static final String VALUE = "{\"user\":\"u-20481\",\"session\":\"9f2c4e1a-77b0-4d5e-a1c3-0b8e6f2d9a41\","
      + "\"count\":%d,\"cart\":[{\"sku\":\"A-100\",\"qty\":2},{\"sku\":\"B-220\",\"qty\":1}],"
      + "\"flags\":{\"beta\":true,\"dark\":false},\"locale\":\"fr-FR\",\"updated\":1765123456789}";

  private Event event;

  @Setup
  public void prepare() {
    event = Event.newBuilder().setRevision(41_327).setEventType("state:updated").setScope("sessions").setKey("u-20481")
        .setOldValueJson(ByteString.copyFromUtf8(String.format(VALUE, 1741)))
        .setNewValueJson(ByteString.copyFromUtf8(String.format(VALUE, 1742))).setReason("write").build();
  }

  @Benchmark
  public String keyOnly() {
    return WatchMessages.event(event).key();
  }

  @Benchmark
  public void keyAndValues(Blackhole bh) {
    WatchEvent e = WatchMessages.event(event);
    bh.consume(e.key());
    bh.consume(e.oldValue());
    bh.consume(e.newValue());
  }
}
