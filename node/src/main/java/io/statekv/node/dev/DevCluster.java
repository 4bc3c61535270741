package io.statekv.node.dev;

import io.statekv.node.cli.JvmSettings;
import io.statekv.node.dev.DevClusterPlan.DevNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A local cluster for development: each node is a child JVM running {@code statekv node}, as in
 * production, so that killing one is an honest failure. The children share this JVM's class path
 * and watch this process: if it dies, they stop too. Not thread-safe; one per process.
 */
public final class DevCluster implements AutoCloseable {
  /** How long the nodes may take to start and elect a leader. */
  public static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  /** How long a node may take to stop after SIGTERM before it is killed. */
  public static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
  /**
   * Each node's heap. A node holds about 225 MiB live at 100k keys with its default watch history
   * (docs/operations.md, "Heap"); with half a gigabyte G1 ran its concurrent cycles back to back.
   */
  private static final String NODE_HEAP = "-Xmx1g";
  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

  private final DevClusterPlan plan;
  private final PrintStream out;
  private final Map<String, Process> processes = new ConcurrentHashMap<>();
  private volatile boolean closing;

  public DevCluster(DevClusterPlan plan, PrintStream out) {
    this.plan = plan;
    this.out = out;
  }

  /**
   * Writes the configs, starts every node and waits until each answers {@code /readyz}.
   *
   * @throws DevClusterException when a port is taken, a node exits, or readiness times out
   */
  public void start(boolean clean) throws IOException, InterruptedException {
    checkPortsFree();
    if (clean) {
      for (DevNode n : plan.members()) {
        deleteTree(n.dataDir());
      }
    }
    Files.createDirectories(plan.dataRoot().resolve("dev"));
    for (DevNode n : plan.members()) {
      Files.writeString(n.configFile(), plan.configYaml(n));
      processes.put(n.id(), spawn(n));
    }
    awaitReady();
  }

  private void checkPortsFree() {
    for (DevNode n : plan.members()) {
      for (int port : new int[] {n.clientPort(), n.httpPort(), n.raftPort()}) {
        try (ServerSocket s = new ServerSocket()) {
          s.bind(new InetSocketAddress(DevClusterPlan.HOST, port));
        } catch (IOException e) {
          throw new DevClusterException("port " + port + " on " + DevClusterPlan.HOST + " is in use (is a dev cluster "
              + "already running?); stop it, or pick other ports with --base-port");
        }
      }
    }
  }

  private Process spawn(DevNode n) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(NODE_HEAP);
    command.addAll(JvmSettings.nodeJvmFlags());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.statekv.node.cli.StateKvMain",
        "node", "--config", n.configFile().toString(), "--exit-with-parent", Long.toString(ProcessHandle.current().pid())));
    Files.deleteIfExists(n.logFile());
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(n.logFile().toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
  }

  private void awaitReady() throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    List<DevNode> waiting = new ArrayList<>(plan.members());
    while (!waiting.isEmpty()) {
      for (DevNode n : List.copyOf(waiting)) {
        Process p = processes.get(n.id());
        if (!p.isAlive()) {
          throw new DevClusterException(n.id() + " exited with code " + p.exitValue() + " while starting; see " + n.logFile());
        }
        if (isReady(http, n)) {
          waiting.remove(n);
        }
      }
      if (System.nanoTime() > deadline) {
        throw new DevClusterException("not ready within " + READY_TIMEOUT.toSeconds() + " s: "
            + waiting.stream().map(DevNode::id).toList() + "; see the logs in " + plan.dataRoot().resolve("dev"));
      }
      if (!waiting.isEmpty()) {
        Thread.sleep(POLL_INTERVAL.toMillis()); // polling child processes, not synchronizing threads
      }
    }
  }

  private static boolean isReady(HttpClient http, DevNode n) throws InterruptedException {
    try {
      HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://" + n.httpAddress() + "/readyz"))
          .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /** Prints the endpoints and an example session. */
  public void printEndpoints() {
    out.println("statekv dev cluster is ready: " + plan.nodes() + " nodes on " + DevClusterPlan.HOST
        + ", data in " + plan.dataRoot());
    for (DevNode n : plan.members()) {
      out.printf("  %-3s client %s   http http://%s   log %s%n", n.id(), n.clientAddress(), n.httpAddress(), n.logFile());
    }
    DevNode first = plan.members().get(0);
    out.println();
    out.println("Try:");
    if (plan.basePort() != DevClusterPlan.BASE_PORT_DEFAULT) {
      out.println("  export STATEKV_ENDPOINTS=" + plan.clientEndpoints());
    }
    out.println("  ./statekv set users alice '{\"name\":\"Alice\"}'");
    out.println("  ./statekv get users alice");
    out.println("  curl -s http://" + first.httpAddress() + "/v1/state/get -d '{\"scope\":\"users\",\"key\":\"alice\"}'");
    out.println("  curl -s http://" + first.httpAddress() + "/v1/cluster");
    out.println();
    out.println("Press Ctrl-C to stop the cluster.");
    out.flush();
  }

  /**
   * Waits while any node runs, reporting each that exits. Returns when none is left; a node that
   * is killed is reported and not restarted, so that failover can be watched.
   */
  public void awaitAllExited() throws InterruptedException {
    List<String> running = new ArrayList<>(processes.keySet());
    while (!running.isEmpty()) {
      for (String id : List.copyOf(running)) {
        Process p = processes.get(id);
        if (p.waitFor(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
          running.remove(id);
          if (!closing) {
            out.println(id + " exited with code " + p.exitValue() + "; " + running.size() + " node(s) still running");
            out.flush();
          }
        }
      }
    }
  }

  /** Stops every node: SIGTERM, then SIGKILL after {@link #STOP_TIMEOUT}. Idempotent. */
  @Override
  public void close() {
    closing = true;
    processes.values().forEach(Process::destroy);
    long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
    for (Map.Entry<String, Process> e : processes.entrySet()) {
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        if (!e.getValue().waitFor(left, TimeUnit.NANOSECONDS)) {
          out.println(e.getKey() + " did not stop within " + STOP_TIMEOUT.toSeconds() + " s; killing it");
          e.getValue().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        e.getValue().destroyForcibly();
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** The dev cluster could not start. */
  public static final class DevClusterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DevClusterException(String message) {
      super(message);
    }
  }
}
