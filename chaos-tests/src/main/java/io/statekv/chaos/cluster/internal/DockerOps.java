package io.statekv.chaos.cluster.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Frame;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;

/**
 * The container operations the harness needs beyond Testcontainers' life cycle: kill and start a
 * container in place (keeping its IP and mounts), freeze it, find its PID. Thread-safe, as the
 * docker-java client is.
 */
public final class DockerOps {
  /** How long a {@code docker logs} copy may take. */
  public static final long LOGS_TIMEOUT_SECONDS = 60;

  private final DockerClient docker = DockerClientFactory.instance().client();

  /** {@code docker kill -s KILL}: the process dies at once, without shutdown hooks. */
  public void kill(String containerId) {
    docker.killContainerCmd(containerId).withSignal("KILL").exec();
  }

  /** {@code docker stop}: SIGTERM, then SIGKILL after {@code timeoutSeconds}. */
  public void stop(String containerId, int timeoutSeconds) {
    docker.stopContainerCmd(containerId).withTimeout(timeoutSeconds).exec();
  }

  /** {@code docker start}: the same container, IP and bind mounts. */
  public void start(String containerId) {
    docker.startContainerCmd(containerId).exec();
  }

  /** {@code docker pause}: freezes every process of the container (cgroup freezer). */
  public void pause(String containerId) {
    docker.pauseContainerCmd(containerId).exec();
  }

  /** {@code docker unpause}. */
  public void unpause(String containerId) {
    docker.unpauseContainerCmd(containerId).exec();
  }

  /** The container's state. */
  public InspectContainerResponse.ContainerState state(String containerId) {
    return docker.inspectContainerCmd(containerId).exec().getState();
  }

  /** The host PID of the container's main process, for {@code nsenter}; 0 when not running. */
  public long pid(String containerId) {
    Long pid = state(containerId).getPidLong();
    return pid == null ? 0 : pid;
  }

  /** Copies the container's whole log, from every start of it, to {@code out}. */
  public void copyLogs(String containerId, OutputStream out) throws InterruptedException {
    ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
      @Override
      public void onNext(Frame frame) {
        try {
          out.write(frame.getPayload());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
    docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTailAll()
        .withFollowStream(false).exec(callback).awaitCompletion(LOGS_TIMEOUT_SECONDS,
            TimeUnit.SECONDS);
  }
}
