package io.statekv.chaos.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.chaos.cluster.Await;
import io.statekv.chaos.cluster.ClusterNode;
import io.statekv.chaos.cluster.ClusterSpec;
import io.statekv.chaos.cluster.NodeCluster;
import io.statekv.chaos.cluster.NodeImage;
import io.statekv.chaos.cluster.Reachability;
import io.statekv.client.StateKvClient;
import io.statekv.client.WriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every nemesis injected into a cluster of real nodes and healed, with its effect observed from
 * inside the containers and on the nodes' data dirs (who runs, who is frozen, who can reach whom,
 * which Ratis file was damaged, who is a member), and the cluster converging to one state hash
 * after each heal. Then a seeded schedule and the final heal.
 */
class NemesisIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  /** Enough single-entry writes that every node has taken a snapshot (threshold 100). */
  private static final int WRITES_FOR_SNAPSHOT = 250;

  @TempDir
  static Path work;
  private static NodeCluster cluster;
  private static StateKvClient client;

  @BeforeAll
  static void start() throws IOException {
    ClusterSpec spec = new ClusterSpec(3, NodeImage.buildNode(NodeImage.repositoryRoot()),
        work.resolve("cluster"), Duration.ofSeconds(90), 100, 1000, 2000, ClusterSpec.NODE_COMMAND);
    cluster = NodeCluster.start("statekv-chaos-nemesis-it-" + ProcessHandle.current().pid(), spec,
        new Random());
    client = StateKvClient.builder().endpoints(cluster.clientEndpoints()).build();
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private static NemesisContext context(long seed) {
    return new NemesisContext(cluster, new NetworkRules(), client.admin(), new Random(seed),
        TIMEOUT);
  }

  private static Fault inject(String nemesis, NemesisContext context) throws IOException {
    return Nemeses.byName(nemesis).orElseThrow().inject(context);
  }

  private static void assertConverged() {
    Convergence.Result result = Convergence.await(cluster, TIMEOUT);
    assertThat(result.converged()).as(result.note() + " " + result.statuses()).isTrue();
  }

  @Test
  void killStopsTheTargetsUntilHealed() throws IOException {
    Fault fault = inject("kill", context(1));
    assertThat(fault.targets()).hasSize(1);
    ClusterNode target = cluster.node(fault.targets().get(0));
    assertThat(target.isRunning()).isFalse();
    assertThat(fault.description()).isEqualTo("kill -9 " + target.id());
    fault.heal();
    cluster.awaitReady(target, TIMEOUT);
    assertConverged();
  }

  @Test
  void pauseFreezesTheTargetUntilHealed() throws IOException {
    Fault fault = inject("pause-leader", context(2));
    ClusterNode target = cluster.node(fault.targets().get(0));
    assertThat(target.isPaused()).isTrue();
    assertThat(cluster.http().ready(target.address())).isFalse();
    fault.heal();
    cluster.awaitReady(target, TIMEOUT);
    assertConverged();
  }

  @Test
  void everyPartitionShapeDropsExactlyItsGrudge() throws IOException {
    for (String shape : List.of("partition-halves", "partition-ring", "partition-bridge",
        "partition-leader")) {
      NemesisContext context = context(shape.hashCode());
      Fault fault = inject(shape, context);
      List<String> cut = new ArrayList<>();
      for (ClusterNode from : cluster.nodes()) {
        for (ClusterNode to : cluster.nodes()) {
          if (from != to && !Reachability.reachable(from, to)) {
            cut.add(to.id() + "<-" + from.id());
          }
        }
      }
      List<String> expected = context.network().active().stream()
          .map(d -> d.to().id() + "<-" + d.fromIp()).toList();
      assertThat(cut).as(shape + ": " + fault.description()).hasSameSizeAs(expected).isNotEmpty();
      fault.heal();
      assertThat(context.network().active()).isEmpty();
      assertThat(Reachability.reachable(cluster.node("n1"), cluster.node("n2"))).isTrue();
    }
    cluster.awaitReady(TIMEOUT);
    assertConverged();
  }

  @Test
  void transferLeaderMovesLeadershipToAnotherNode() throws IOException {
    String before = cluster.leader().orElseThrow().id();
    Fault fault = inject("transfer-leader", context(6));
    fault.heal();
    assertThat(fault.description()).startsWith("transferred leadership from " + before + " to ");
    String after = Await.until("leadership to move away from " + before, TIMEOUT,
        () -> cluster.leader().filter(l -> !l.id().equals(before))).id();
    assertThat(fault.description()).contains(" to " + after);
    assertConverged();
  }

  @Test
  void removedMemberIsWipedAndRejoinsAsAMemberWithTheSameState() throws IOException {
    writeEntries("member", WRITES_FOR_SNAPSHOT);
    Fault fault = inject("member", context(7));
    assertThat(fault.description()).startsWith("remove ");
    ClusterNode removed = cluster.node(fault.targets().get(0));
    assertThat(removed.isRunning()).isFalse();
    for (ClusterNode node : cluster.nodes()) {
      if (node != removed) {
        assertThat(cluster.status(node).orElseThrow().memberIds()).doesNotContain(removed.id());
      }
    }
    writeEntries("member-while-out", 20);
    fault.heal();
    cluster.awaitReady(removed, TIMEOUT);
    assertConverged();
    assertThat(cluster.status(removed).orElseThrow().memberIds())
        .containsExactlyInAnyOrder("n1", "n2", "n3");
  }

  @Test
  void truncatedLogTailIsCutAndTheNodeCatchesUp() throws IOException {
    writeEntries("truncate", WRITES_FOR_SNAPSHOT);
    Fault fault = inject("truncate-log", context(3));
    ClusterNode node = cluster.node(fault.targets().get(0));
    assertThat(node.isRunning()).isFalse();
    assertThat(fault.description()).matches("stop n\\d, cut \\d+ of \\d+ bytes from "
        + "raft/[0-9a-f-]+/current/log_(inprogress_\\d+|\\d+-\\d+)");
    fault.heal();
    cluster.awaitReady(node, TIMEOUT);
    writeEntries("after-truncate", 5);
    assertConverged();
  }

  @Test
  void corruptSnapshotIsRefusedAndTheNodeRecoversFromItsPeers() throws IOException {
    writeEntries("corrupt", WRITES_FOR_SNAPSHOT);
    Fault fault = inject("corrupt-snapshot", context(4));
    ClusterNode node = cluster.node(fault.targets().get(0));
    assertThat(fault.description()).matches("stop n\\d, flip 16 bytes of raft/[0-9a-f-]+/sm/snapshot\\.\\d+_\\d+");
    String damaged = fault.description().substring(fault.description().lastIndexOf('/') + 1);
    fault.heal();
    cluster.awaitReady(node, TIMEOUT);
    writeEntries("after-corrupt", 5);
    assertConverged();
    // Renamed *.corrupt-* on refusal; a snapshot install from the leader may since have replaced
    // the whole snapshot dir, so the node's log is the lasting evidence.
    cluster.collectLogs();
    assertThat(Files.readString(node.logFile())).as("the damaged snapshot is refused, never loaded")
        .containsPattern("snapshot \\S+/" + damaged.replace(".", "\\.") + " failed verification");
  }

  @Test
  void wipedNodeRejoinsBySnapshotInstall() throws IOException {
    writeEntries("wipe", WRITES_FOR_SNAPSHOT);
    Fault wipe = inject("wipe", context(5));
    ClusterNode node = cluster.node(wipe.targets().get(0));
    assertThat(node.stateDir()).isEmptyDirectory();
    wipe.heal();
    cluster.awaitReady(node, TIMEOUT);
    assertConverged();
  }

  @Test
  void aScheduleRecordsItsWindowsAndTheHealerRestoresEverything() throws Exception {
    NemesisContext context = context(42);
    List<FaultWindow> started = new ArrayList<>();
    long origin = System.nanoTime();
    NemesisSchedule schedule = new NemesisSchedule(Nemeses.parse("kill,pause,partition-halves"),
        context, new NemesisSchedule.Intervals(Duration.ofMillis(200), Duration.ofMillis(400),
            Duration.ofMillis(500), Duration.ofMillis(800)),
        new FaultListener() {
          @Override
          public synchronized void started(FaultWindow window) {
            started.add(window);
          }

          @Override
          public void ended(FaultWindow window) {
          }
        }, () -> System.nanoTime() - origin);
    schedule.start();
    Await.condition("two faults to start", TIMEOUT, () -> schedule.windows().size() >= 2);
    schedule.stop(TIMEOUT);
    List<FaultWindow> windows = schedule.windows();
    assertThat(schedule.errors()).isEmpty();
    assertThat(windows).allMatch(w -> !w.isOpen() && w.endNanos() >= w.startNanos());
    for (int i = 1; i < windows.size(); i++) {
      assertThat(windows.get(i).startNanos()).isGreaterThanOrEqualTo(windows.get(i - 1).endNanos());
    }
    cluster.node("n3").kill();
    ClusterHealer.healAll(context);
    for (ClusterNode node : cluster.nodes()) {
      assertThat(node.isRunning()).isTrue();
      assertThat(node.isPaused()).isFalse();
    }
    cluster.awaitReady(TIMEOUT);
    assertThat(context.network().active()).isEmpty();
    assertConverged();
  }

  /** Sequential writes, so that each is its own log entry. */
  private static void writeEntries(String key, int count) {
    for (int i = 0; i < count; i++) {
      client.set("nemesis-it", key, Map.of("i", i), WriteOptions.NONE);
    }
  }
}
