package io.statekv.raft.internal;

import io.statekv.protocol.v1.CommandResult;
import io.statekv.protocol.v1.Consistency;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.rpc.SupportedRpcType;

/**
 * A side-by-side measurement of Ratis' gRPC and Netty transports under the same three-node
 * in-process cluster, with 64 writes in flight. Not a test: run it by hand (see docs/raft.md) and
 * record the figures there.
 *
 * <p>Two shapes per transport: statekv's batching (many commands per entry), and one command per
 * entry with 64 entries in flight, which leaves the replication path alone on the critical path.
 */
public final class TransportComparison {
  private static final int IN_FLIGHT = 64;
  private static final int WARMUP = 2_000;
  private static final int MEASURED = 10_000;

  private TransportComparison() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    java.util.Map<String, String> overrides = new java.util.HashMap<>();
    for (int i = 1; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      overrides.put(kv[0], kv[1]);
    }
    // Round 1 warms the JIT; alternate the order so that neither transport always runs first.
    for (int round = 1; round <= rounds; round++) {
      List<SupportedRpcType> order = round % 2 == 1
          ? List.of(SupportedRpcType.GRPC, SupportedRpcType.NETTY)
          : List.of(SupportedRpcType.NETTY, SupportedRpcType.GRPC);
      for (SupportedRpcType transport : order) {
        measure(round, transport, 512, 4, overrides);
        measure(round, transport, 1, IN_FLIGHT, overrides);
      }
    }
  }

  private static void measure(int round, SupportedRpcType transport, int batchMax, int entriesInFlight,
      java.util.Map<String, String> overrides) throws Exception {
    Path dir = Files.createTempDirectory("statekv-transport-");
    Tuning tuning = Tuning.defaults().withTransport(transport).withRatisOverrides(overrides);
    try (TestCluster cluster =
        new TestCluster(dir, 3, 1_000_000, tuning).withProductionTimeouts(batchMax, entriesInFlight).startAll()) {
      RatisReplica leader = cluster.awaitLeader();
      run(leader, "warm", WARMUP);
      long started = System.nanoTime();
      long[] latencies = run(leader, "m", MEASURED);
      double seconds = (System.nanoTime() - started) / 1e9;
      RatisReplica follower = cluster.replicas.values().stream().filter(r -> r != leader).findFirst().orElseThrow();
      String followerRead = followerRead(follower);
      Arrays.sort(latencies);
      System.out.printf("round %d %-5s batch<=%-3d entries-in-flight=%-2d  %7.0f writes/s  p50 %6.2f ms  p99 %6.2f ms"
              + "  follower linearizable read: %s%n",
          round, transport, batchMax, entriesInFlight, MEASURED / seconds,
          latencies[latencies.length / 2] / 1e6, latencies[(int) (latencies.length * 0.99)] / 1e6, followerRead);
    }
  }

  private static long[] run(RatisReplica leader, String prefix, int count) throws Exception {
    Semaphore slots = new Semaphore(IN_FLIGHT);
    long[] latencies = new long[count];
    List<CompletableFuture<CommandResult>> all = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      slots.acquire();
      long sent = System.nanoTime();
      int at = i;
      CompletableFuture<CommandResult> f = leader.submit(Commands.set("bench", prefix + i, "{\"v\":" + i + "}"));
      f.whenComplete((r, e) -> {
        latencies[at] = System.nanoTime() - sent;
        slots.release();
      });
      all.add(f);
    }
    for (CompletableFuture<CommandResult> f : all) {
      if (!f.get(60, TimeUnit.SECONDS).hasWrite()) {
        throw new IllegalStateException("a write failed: " + f.get());
      }
    }
    return latencies;
  }

  private static String followerRead(RatisReplica follower) {
    try {
      long at = follower.readBarrier(Consistency.LINEARIZABLE, 0).get(10, TimeUnit.SECONDS);
      return "ok at " + at;
    } catch (Exception e) {
      return "failed: " + e.getCause();
    }
  }

}
