package io.statekv.node.cli;

import io.statekv.node.StateKvNode;
import io.statekv.node.config.ConfigException;
import io.statekv.node.config.ConfigLoader;
import io.statekv.node.config.NodeConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code statekv node --config FILE}: runs one node until SIGTERM or Ctrl-C. */
@Command(name = "node", description = "Run one statekv node from a config file (see deploy/config/node.example.yaml).")
final class NodeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(NodeCommand.class);

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "The node's YAML config.")
  Path config;

  @Option(names = "--exit-with-parent", hidden = true, paramLabel = "PID",
      description = "Stop when this process exits (used by `statekv dev`).")
  Long parentPid;

  @Override
  public Integer call() throws InterruptedException {
    NodeConfig c;
    try {
      c = ConfigLoader.load(config);
    } catch (ConfigException e) {
      System.err.println("statekv node: invalid config " + e.getMessage());
      return ExitCodes.CONFIG;
    }
    Logging.configure(c.logLevel());
    StateKvNode node;
    try {
      node = StateKvNode.start(c);
    } catch (RuntimeException e) {
      LOG.error("node {} failed to start: {}", c.nodeId(), e.getMessage(), e);
      return ExitCodes.FAILURE;
    }
    // SIGTERM and Ctrl-C stop the node in order; the hook covers any other exit of the JVM.
    Signals.onTermination(node::close);
    Runtime.getRuntime().addShutdownHook(new Thread(node::close, "statekv-shutdown"));
    if (parentPid != null) {
      stopWithParent(parentPid, node);
    }
    node.awaitClosed();
    // A node that Raft shut down (removed from the group) exits non-zero, for its supervisor.
    return node.stoppedBecause().isPresent() ? ExitCodes.FAILURE : ExitCodes.OK;
  }

  /** The dev cluster's children stop with their parent, even when it is killed with SIGKILL. */
  private static void stopWithParent(long pid, StateKvNode node) {
    ProcessHandle.of(pid).ifPresentOrElse(
        parent -> parent.onExit().thenRun(() -> {
          LOG.info("parent process {} exited; stopping", pid);
          node.close();
        }),
        node::close);
  }
}
