package io.statekv.chaos.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.chaos.nemesis.Convergence;
import io.statekv.chaos.nemesis.NetworkRules;
import io.statekv.client.StateKvClient;
import io.statekv.client.WriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

/**
 * The container layer on real Docker with real nodes: a 3-node cluster of the node image built
 * from this build's jar, with pinned IPs, bind-mounted data that survives kill -9, pause, iptables
 * partitions entered from the host, and the state-hash convergence check.
 */
class NodeClusterIT {
  private static final Duration FAULT_TIMEOUT = Duration.ofSeconds(60);

  @TempDir
  static Path work;
  private static String image;
  private static NodeCluster cluster;
  private static StateKvClient client;

  @BeforeAll
  static void startCluster() throws IOException {
    image = NodeImage.buildNode(NodeImage.repositoryRoot());
    ClusterSpec spec = ClusterSpec.of(3, image, work.resolve("cluster"))
        .withReadyTimeout(Duration.ofSeconds(90));
    cluster = NodeCluster.start("statekv-chaos-it-" + ProcessHandle.current().pid(), spec,
        new Random());
    client = StateKvClient.builder().endpoints(cluster.clientEndpoints()).build();
  }

  @AfterAll
  static void closeCluster() {
    if (client != null) {
      client.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void nodesSitAtPinnedAddressesWithTheirConfig() throws IOException {
    for (int i = 1; i <= 3; i++) {
      ClusterNode node = cluster.node("n" + i);
      assertThat(node.address().ip()).isEqualTo(cluster.subnetPrefix() + "." + (10 + i));
      assertThat(node.isRunning()).isTrue();
      assertThat(node.exec(List.of("cat", NodeConfigFile.CONTAINER_PATH)))
          .contains("node_id: n" + i).contains("advertise:\n  raft: " + node.address().ip());
      assertThat(cluster.status(node).orElseThrow().memberIds()).containsExactly("n1", "n2", "n3");
    }
    assertThat(cluster.clientEndpoints()).hasSize(3).allMatch(e -> e.endsWith(":7001"));
  }

  @Test
  void killedNodeKeepsItsLogAndCatchesUp() throws IOException {
    long before = client.set("it", "kill", Map.of("n", 1), WriteOptions.NONE).revision();
    ClusterNode node = cluster.node("n1");
    node.kill();
    Await.condition("n1 to stop answering", FAULT_TIMEOUT, () -> !cluster.http().ready(node.address()));
    assertThat(node.isRunning()).isFalse();
    try (Stream<Path> files = Files.walk(node.stateDir())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("Ratis' log segments on the bind-mounted data dir").anyMatch(n -> n.startsWith("log_"));
    }
    long during = client.set("it", "kill", Map.of("n", 2), WriteOptions.NONE).revision();
    node.start();
    cluster.awaitReady(node, FAULT_TIMEOUT);
    Convergence.Result converged = Convergence.await(cluster, FAULT_TIMEOUT);
    assertThat(converged.converged()).as(converged.note()).isTrue();
    ClusterStatus status = converged.statuses().get("n1");
    assertThat(status.stateHashAppliedIndex()).isGreaterThanOrEqualTo(during).isGreaterThan(before);
    assertThat(status.stateHash()).hasSize(64);
  }

  @Test
  void pausedNodeStopsAnsweringUntilUnpaused() {
    ClusterNode node = cluster.node("n2");
    node.pause();
    try {
      assertThat(node.isPaused()).isTrue();
      assertThat(cluster.http().ready(node.address())).isFalse();
    } finally {
      node.unpause();
    }
    cluster.awaitReady(node, FAULT_TIMEOUT);
  }

  @Test
  void partitionDropsTrafficBothWaysAndHeals() throws IOException {
    ClusterNode n1 = cluster.node("n1");
    ClusterNode n2 = cluster.node("n2");
    ClusterNode n3 = cluster.node("n3");
    NetworkRules rules = new NetworkRules();
    rules.cut(n1, n2);
    try {
      assertThat(Reachability.reachable(n1, n2)).isFalse();
      assertThat(Reachability.reachable(n2, n1)).isFalse();
      assertThat(Reachability.reachable(n1, n3)).isTrue();
      assertThat(Reachability.reachable(n3, n2)).isTrue();
    } finally {
      rules.healAll();
    }
    assertThat(rules.active()).isEmpty();
    assertThat(Reachability.reachable(n1, n2)).isTrue();
    assertThat(Reachability.reachable(n2, n1)).isTrue();
  }

  @Test
  void closeCopiesLogsAndRemovesContainers() throws IOException {
    ClusterSpec spec = ClusterSpec.of(3, image, work.resolve("short"))
        .withReadyTimeout(Duration.ofSeconds(90));
    NodeCluster shortLived = NodeCluster.start("statekv-chaos-it-short-" + ProcessHandle.current()
        .pid(), spec, new Random());
    List<String> ids = shortLived.nodes().stream().map(ClusterNode::containerId).toList();
    shortLived.close();
    for (ClusterNode node : shortLived.nodes()) {
      assertThat(Files.readString(node.logFile())).contains("node " + node.id() + " HTTP on");
    }
    var docker = DockerClientFactory.instance().client();
    assertThat(docker.listContainersCmd().withShowAll(true).exec())
        .noneMatch(c -> ids.contains(c.getId()));
    assertThat(docker.listNetworksCmd().withNameFilter(shortLived.name()).exec()).isEmpty();
  }
}
