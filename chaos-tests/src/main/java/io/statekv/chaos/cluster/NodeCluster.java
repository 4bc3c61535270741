package io.statekv.chaos.cluster;

import io.statekv.chaos.cluster.internal.ClusterNetwork;
import io.statekv.chaos.cluster.internal.DockerOps;
import io.statekv.chaos.cluster.internal.HostDirs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A running test cluster: 3 or 5 node containers from a local image on their own Docker network,
 * each at a pinned IPv4 address with its node id as alias, its data dir bind-mounted from the host
 * (so it survives kill and restart), an exec tmpfs at {@code /data/tmp}, and its log copied to a
 * file when the cluster closes.
 *
 * <p>Thread-safe for reads and for faults on distinct nodes. {@link #close()} removes the
 * containers and the network and keeps the host files.
 */
public final class NodeCluster implements AutoCloseable {
  /** Label on every container and network of a cluster, with the cluster's name as value. */
  public static final String LABEL = "io.statekv.chaos.cluster";
  /** Node i (from 1) gets host address {@code HOST_OFFSET + i} in the subnet. */
  public static final int HOST_OFFSET = 10;

  private static final Logger LOG = LoggerFactory.getLogger(NodeCluster.class);

  private final String name;
  private final ClusterSpec spec;
  private final ClusterNetwork.Created network;
  private final List<ClusterNode> nodes;
  private final NodeHttp http = new NodeHttp();
  private final AtomicBoolean closed = new AtomicBoolean();

  private NodeCluster(String name, ClusterSpec spec, ClusterNetwork.Created network,
      List<ClusterNode> nodes) {
    this.name = name;
    this.spec = spec;
    this.network = network;
    this.nodes = List.copyOf(nodes);
  }

  /**
   * Creates the network and the containers, starts every node in parallel and waits until each
   * answers {@code /readyz}. On failure, whatever was started is removed before the error is
   * thrown.
   *
   * @param name a unique name, used for the network and as container name prefix
   */
  public static NodeCluster start(String name, ClusterSpec spec, Random random) throws IOException {
    DockerEnvironment.applyDefaults();
    Files.createDirectories(spec.workDir());
    ClusterNetwork.Created network = ClusterNetwork.create(name, Map.of(LABEL, name), random);
    List<NodeAddress> addresses = new ArrayList<>();
    for (int i = 1; i <= spec.nodes(); i++) {
      addresses.add(NodeAddress.standard("n" + i, network.ip(HOST_OFFSET + i)));
    }
    DockerOps docker = new DockerOps();
    List<ClusterNode> nodes = new ArrayList<>();
    try {
      for (NodeAddress address : addresses) {
        nodes.add(new ClusterNode(address, spec.workDir().resolve(address.id()),
            container(name, spec, network, address, addresses), docker));
      }
    } catch (IOException | RuntimeException e) {
      network.network().close();
      throw e;
    }
    NodeCluster cluster = new NodeCluster(name, spec, network, nodes);
    try {
      cluster.startAll();
      cluster.awaitReady(spec.readyTimeout());
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private static GenericContainer<?> container(String name, ClusterSpec spec,
      ClusterNetwork.Created network, NodeAddress self, List<NodeAddress> members)
      throws IOException {
    Path hostDir = spec.workDir().resolve(self.id());
    HostDirs.createForNode(hostDir.resolve("data"));
    Path config = hostDir.resolve("node.yaml");
    Files.writeString(config, NodeConfigFile.render(self, members, spec), StandardCharsets.UTF_8);
    List<String> command = spec.nodeCommand().stream()
        .map(arg -> arg.replace(ClusterSpec.CONFIG_PLACEHOLDER, NodeConfigFile.CONTAINER_PATH))
        .toList();
    GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(spec.image()));
    container.withNetwork(network.network())
        .withNetworkAliases(self.id())
        .withFileSystemBind(hostDir.resolve("data").toString(), "/data", BindMode.READ_WRITE)
        .withFileSystemBind(config.toString(), NodeConfigFile.CONTAINER_PATH, BindMode.READ_ONLY)
        .withTmpFs(Map.of("/data/tmp", "rw,exec,uid=10001,gid=10001"))
        .withLabel(LABEL, name)
        .withCommand(command.toArray(String[]::new))
        .withStartupAttempts(1)
        .withCreateContainerCmdModifier(cmd -> cmd.withName(name + "-" + self.id())
            .withHostName(self.id()).withIpv4Address(self.ip()));
    return container;
  }

  private void startAll() {
    List<CompletableFuture<Void>> starts = nodes.stream()
        .map(node -> CompletableFuture.runAsync(() -> node.container().start())).toList();
    CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
    LOG.info("cluster {} started: {}", name, nodes);
  }

  /** Waits until every node answers {@code /readyz} with 200. */
  public void awaitReady(Duration timeout) {
    for (ClusterNode node : nodes) {
      awaitReady(node, timeout);
    }
  }

  /** Waits until {@code node} answers {@code /readyz} with 200. */
  public void awaitReady(ClusterNode node, Duration timeout) {
    Await.condition(node.id() + " to answer /readyz", timeout, () -> http.ready(node.address()));
  }

  public String name() {
    return name;
  }

  public ClusterSpec spec() {
    return spec;
  }

  /** The nodes, n1 first. */
  public List<ClusterNode> nodes() {
    return nodes;
  }

  /** The node with this id. */
  public ClusterNode node(String id) {
    return nodes.stream().filter(n -> n.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node " + id + " in " + nodes));
  }

  /** The client endpoints of every node, {@code ip:port}. */
  public List<String> clientEndpoints() {
    return nodes.stream().map(n -> n.address().clientEndpoint()).toList();
  }

  /** The subnet prefix, such as {@code 10.123.7}. */
  public String subnetPrefix() {
    return network.prefix();
  }

  public NodeHttp http() {
    return http;
  }

  /** The node's {@code /v1/cluster}, or empty when it does not answer. */
  public Optional<ClusterStatus> status(ClusterNode node) {
    return http.status(node.address());
  }

  /** The leader that a node which answers names, or empty when none does. */
  public Optional<ClusterNode> leader() {
    for (ClusterNode node : nodes) {
      Optional<String> leader = status(node).map(ClusterStatus::leaderId);
      if (leader.isPresent()) {
        return Optional.of(node(leader.get()));
      }
    }
    return Optional.empty();
  }

  /** Copies every node's log to its {@link ClusterNode#logFile()}; failures are logged. */
  public void collectLogs() {
    DockerOps docker = new DockerOps();
    for (ClusterNode node : nodes) {
      if (node.containerId() == null) {
        continue;
      }
      try (OutputStream out = Files.newOutputStream(node.logFile())) {
        docker.copyLogs(node.containerId(), out);
      } catch (IOException | RuntimeException e) {
        LOG.warn("could not copy the log of {}: {}", node, e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Copies the logs, then removes the containers and the network. Host files stay. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (ClusterNode node : nodes) {
      try {
        // A frozen container cannot be stopped gracefully, nor its log read to the end.
        if (node.containerId() != null && node.isPaused()) {
          node.unpause();
        }
      } catch (RuntimeException e) {
        LOG.warn("could not unpause {}: {}", node, e.toString());
      }
    }
    collectLogs();
    for (ClusterNode node : nodes) {
      try {
        node.container().stop();
      } catch (RuntimeException e) {
        LOG.warn("could not remove {}: {}", node, e.toString());
      }
    }
    network.network().close();
  }
}
