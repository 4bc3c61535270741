package io.statekv.chaos.cluster;

import io.statekv.chaos.cluster.internal.DockerOps;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;

/**
 * One node container of a {@link NodeCluster}. Kill, stop, start, pause and unpause act on the
 * same container, which keeps its IP, alias and bind-mounted data dir across restarts.
 *
 * <p>Thread-safe for the Docker calls themselves; the harness runs one fault per node at a time,
 * so callers do not race to kill and start the same node.
 */
public final class ClusterNode {
  /** Seconds {@link #stop()} gives the node to shut down before SIGKILL. */
  public static final int STOP_TIMEOUT_SECONDS = 20;

  private final NodeAddress address;
  private final Path hostDir;
  private final GenericContainer<?> container;
  private final DockerOps docker;

  ClusterNode(NodeAddress address, Path hostDir, GenericContainer<?> container, DockerOps docker) {
    this.address = address;
    this.hostDir = hostDir;
    this.container = container;
    this.docker = docker;
  }

  public String id() {
    return address.id();
  }

  public NodeAddress address() {
    return address;
  }

  /** The host directory mounted at {@code /data}. */
  public Path dataMount() {
    return hostDir.resolve("data");
  }

  /** The node's data dir ({@link NodeConfigFile#DATA_DIR}) as seen from the host. */
  public Path stateDir() {
    return dataMount().resolve(Path.of(NodeConfigFile.DATA_DIR).getFileName());
  }

  /** Where the node's log is written when the cluster closes. */
  public Path logFile() {
    return hostDir.resolve("node.log");
  }

  /** The Docker container id. */
  public String containerId() {
    return container.getContainerId();
  }

  /** SIGKILL: the JVM dies at once; unflushed state is lost, fsynced state stays on disk. */
  public void kill() {
    docker.kill(containerId());
  }

  /** A graceful stop (SIGTERM, shutdown hooks run), for faults that edit files on a stopped node. */
  public void stop() {
    docker.stop(containerId(), STOP_TIMEOUT_SECONDS);
  }

  /** Starts the stopped or killed container again. */
  public void start() {
    docker.start(containerId());
  }

  /** Freezes the node: it keeps its sockets but runs no code. */
  public void pause() {
    docker.pause(containerId());
  }

  public void unpause() {
    docker.unpause(containerId());
  }

  /** True if the container is running (a paused container counts as running). */
  public boolean isRunning() {
    return Boolean.TRUE.equals(docker.state(containerId()).getRunning());
  }

  public boolean isPaused() {
    return Boolean.TRUE.equals(docker.state(containerId()).getPaused());
  }

  /** The host PID of the node's JVM, for entering its network namespace. */
  public long pid() {
    long pid = docker.pid(containerId());
    if (pid <= 0) {
      throw new IllegalStateException("node " + id() + " is not running, so it has no PID");
    }
    return pid;
  }

  /**
   * Runs a command inside the running container, as the node's user.
   *
   * @throws IOException if it cannot run or exits non-zero
   */
  public String exec(List<String> command) throws IOException {
    try {
      Container.ExecResult result = container.execInContainer(command.toArray(String[]::new));
      if (result.getExitCode() != 0) {
        throw new IOException("'" + String.join(" ", command) + "' on " + id() + " exited with "
            + result.getExitCode() + ": " + result.getStderr().strip() + result.getStdout().strip());
      }
      return result.getStdout();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  GenericContainer<?> container() {
    return container;
  }

  @Override
  public String toString() {
    return id() + "@" + address.ip();
  }
}
