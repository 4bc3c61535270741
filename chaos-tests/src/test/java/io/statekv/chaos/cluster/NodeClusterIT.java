package io.statekv.chaos.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.chaos.cluster.probe.ProbeImage;
import io.statekv.chaos.nemesis.NetworkRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

/**
 * The container layer on real Docker: a 3-node cluster of probe processes on the node image's
 * runtime, with pinned IPs, bind-mounted data that survives kill -9, pause, and iptables
 * partitions entered from the host. The node itself is exercised by the chaos scenarios.
 */
class NodeClusterIT {
  private static final Duration FAULT_TIMEOUT = Duration.ofSeconds(30);

  @TempDir
  static Path work;
  private static NodeCluster cluster;

  @BeforeAll
  static void startCluster() throws IOException {
    ClusterSpec spec = ClusterSpec.of(3, ProbeImage.reference(), work.resolve("cluster"))
        .withReadyTimeout(Duration.ofSeconds(60));
    cluster = NodeCluster.start("statekv-chaos-it-" + ProcessHandle.current().pid(), spec,
        new Random());
  }

  @AfterAll
  static void closeCluster() {
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
    }
    assertThat(cluster.clientEndpoints()).hasSize(3).allMatch(e -> e.endsWith(":7001"));
  }

  @Test
  void dataDirSurvivesKillAndRestart() {
    ClusterNode node = cluster.node("n1");
    long before = starts(node);
    node.kill();
    Await.condition("n1 to stop answering", FAULT_TIMEOUT, () -> !cluster.http().ready(node.address()));
    assertThat(node.isRunning()).isFalse();
    node.start();
    cluster.awaitReady(node, FAULT_TIMEOUT);
    assertThat(starts(node)).isEqualTo(before + 1);
    assertThat(node.stateDir().resolve("starts")).exists();
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
      assertThat(reachable(n1, n2)).isFalse();
      assertThat(reachable(n2, n1)).isFalse();
      assertThat(reachable(n1, n3)).isTrue();
      assertThat(reachable(n3, n2)).isTrue();
    } finally {
      rules.healAll();
    }
    assertThat(rules.active()).isEmpty();
    assertThat(reachable(n1, n2)).isTrue();
    assertThat(reachable(n2, n1)).isTrue();
  }

  @Test
  void closeCopiesLogsAndRemovesContainers() throws IOException {
    ClusterSpec spec = ClusterSpec.of(3, ProbeImage.reference(), work.resolve("short"));
    NodeCluster shortLived = NodeCluster.start("statekv-chaos-it-short-" + ProcessHandle.current()
        .pid(), spec, new Random());
    List<String> ids = shortLived.nodes().stream().map(ClusterNode::containerId).toList();
    shortLived.close();
    for (ClusterNode node : shortLived.nodes()) {
      assertThat(Files.readString(node.logFile())).contains("probe " + node.id() + " start 1");
    }
    var docker = DockerClientFactory.instance().client();
    assertThat(docker.listContainersCmd().withShowAll(true).exec())
        .noneMatch(c -> ids.contains(c.getId()));
    assertThat(docker.listNetworksCmd().withNameFilter(shortLived.name()).exec()).isEmpty();
  }

  private static long starts(ClusterNode node) {
    return cluster.http().json(node.address(), "/probe/starts").map(j -> j.get("starts").asLong())
        .orElseThrow();
  }

  private static boolean reachable(ClusterNode from, ClusterNode to) {
    Optional<JsonNode> answer = cluster.http().json(from.address(),
        "/probe/connect?to=" + to.address().raftEndpoint());
    return answer.orElseThrow().get("reachable").asBoolean();
  }
}
