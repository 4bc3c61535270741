package io.statekv.node;

import io.statekv.node.config.ConfigLoader;
import io.statekv.node.config.NodeConfig;
import io.statekv.node.dev.DevClusterPlan;
import io.statekv.node.dev.DevClusterPlan.DevNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * Real nodes on loopback in this JVM, for end-to-end tests: each has its own data dir and ports,
 * and runs the same {@link StateKvNode} a node process runs. Not thread-safe.
 */
public final class LocalCluster implements AutoCloseable {
  private final DevClusterPlan plan;
  private final List<StateKvNode> nodes = new ArrayList<>();
  private final String extraYaml;

  private LocalCluster(DevClusterPlan plan, String extraYaml) {
    this.plan = plan;
    this.extraYaml = extraYaml;
  }

  /** Starts {@code size} nodes with data under {@code dir}, on ports nobody uses. */
  public static LocalCluster start(int size, Path dir) throws InterruptedException {
    return start(size, dir, "");
  }

  /** Starts {@code size} nodes whose config carries the top-level YAML lines {@code extraYaml} too. */
  public static LocalCluster start(int size, Path dir, String extraYaml) throws InterruptedException {
    LocalCluster cluster = new LocalCluster(new DevClusterPlan(size, freeBasePort(size), dir), extraYaml);
    for (int i = 0; i < size; i++) {
      cluster.nodes.add(null);
    }
    try {
      for (int i = 0; i < size; i++) {
        cluster.startNode(i);
      }
    } catch (RuntimeException | InterruptedException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** A base port whose client, HTTP and Raft ports are all free right now. */
  public static int freeBasePort(int size) {
    for (int attempt = 0; attempt < 100; attempt++) {
      int base = ThreadLocalRandom.current().nextInt(20_000, 60_000);
      if (allFree(base, size)) {
        return base;
      }
    }
    throw new IllegalStateException("no free range of ports found");
  }

  private static boolean allFree(int base, int size) {
    for (int i = 1; i <= size; i++) {
      for (int port : new int[] {base + i, base + 100 + i, base + 200 + i}) {
        try (ServerSocket s = new ServerSocket()) {
          s.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
          return false;
        }
      }
    }
    return true;
  }

  void startNode(int index) throws InterruptedException {
    DevNode n = plan.members().get(index);
    NodeConfig config = ConfigLoader.parse(n.id(), plan.configYaml(n) + extraYaml, plan.dataRoot());
    nodes.set(index, StateKvNode.start(config));
  }

  void stopNode(int index) {
    StateKvNode node = nodes.set(index, null);
    if (node != null) {
      node.close();
    }
  }

  StateKvNode node(int index) {
    return nodes.get(index);
  }

  int size() {
    return nodes.size();
  }

  DevNode plan(int index) {
    return plan.members().get(index);
  }

  String httpBase(int index) {
    return "http://" + plan(index).httpAddress();
  }

  /** The index of the node that is leader and ready, waiting for one. */
  public int awaitLeader(Duration timeout) {
    int[] found = {-1};
    await(timeout, "a ready leader", () -> {
      for (int i = 0; i < nodes.size(); i++) {
        StateKvNode n = nodes.get(i);
        if (n != null && n.replica().cluster().leaderReady()) {
          found[0] = i;
          return true;
        }
      }
      return false;
    });
    return found[0];
  }

  /** Polls {@code condition} until it holds, failing the test after {@code timeout}. */
  static void await(Duration timeout, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      try {
        Thread.sleep(50); // a poll interval; the condition, not the sleep, is what the test waits for
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }

  /** The client addresses, comma-separated. */
  public String clientEndpoints() {
    return plan.clientEndpoints();
  }

  @Override
  public void close() {
    for (int i = 0; i < nodes.size(); i++) {
      stopNode(i);
    }
  }
}
