package io.statekv.node.cli;

import io.statekv.node.dev.DevCluster;
import io.statekv.node.dev.DevClusterPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code statekv dev}: a local cluster of child node processes, stopped by Ctrl-C. */
@Command(name = "dev", description = {
    "Start a local cluster on 127.0.0.1: each node is its own process, with data in ./data.",
    "Ports: client BASE+1.., HTTP BASE+101.., Raft BASE+201... Ctrl-C stops every node."})
final class DevCommand implements Callable<Integer> {
  @Option(names = "--nodes", defaultValue = "" + DevClusterPlan.NODES_DEFAULT, description = "Nodes to run (default ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--base-port", defaultValue = "" + DevClusterPlan.BASE_PORT_DEFAULT, paramLabel = "BASE",
      description = "Ports are counted from it (default ${DEFAULT-VALUE}).")
  int basePort;

  @Option(names = "--data-dir", defaultValue = "data", paramLabel = "DIR", description = "Where the nodes keep their data (default ./${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--clean", description = "Delete the nodes' data first, for an empty cluster.")
  boolean clean;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Logging.configure("warn");
    DevClusterPlan plan;
    try {
      plan = new DevClusterPlan(nodes, basePort, dataDir);
    } catch (IllegalArgumentException e) {
      System.err.println("statekv dev: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    DevCluster cluster = new DevCluster(plan, System.out);
    AtomicBoolean stopping = new AtomicBoolean();
    CountDownLatch stopped = new CountDownLatch(1);
    Runnable stop = () -> {
      if (stopping.compareAndSet(false, true)) {
        System.out.println("stopping the dev cluster...");
        cluster.close();
        System.out.println("stopped");
        System.out.flush();
        stopped.countDown();
      }
    };
    Signals.onTermination(stop);
    Runtime.getRuntime().addShutdownHook(new Thread(stop, "statekv-dev-shutdown"));
    System.out.println("starting " + nodes + " nodes (logs in " + plan.dataRoot().resolve("dev") + ")...");
    try {
      cluster.start(clean);
    } catch (DevCluster.DevClusterException e) {
      System.err.println("statekv dev: " + e.getMessage());
      return ExitCodes.FAILURE;
    }
    cluster.printEndpoints();
    cluster.awaitAllExited();
    if (stopping.get()) {
      stopped.await(); // let the stop finish its report before the process exits
      return ExitCodes.OK;
    }
    return ExitCodes.FAILURE; // every node exited on its own
  }
}
