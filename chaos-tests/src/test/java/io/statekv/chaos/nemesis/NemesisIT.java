package io.statekv.chaos.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.chaos.cluster.Await;
import io.statekv.chaos.cluster.ClusterNode;
import io.statekv.chaos.cluster.ClusterSpec;
import io.statekv.chaos.cluster.NodeCluster;
import io.statekv.chaos.cluster.probe.ProbeImage;
import io.statekv.client.StateKvClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every nemesis that needs no admin API, injected into a cluster of probe processes and healed,
 * with its effect observed from inside the containers: who runs, who is frozen, who can open a
 * connection to whom, which files changed. Then a seeded schedule and the final heal.
 */
class NemesisIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir
  static Path work;
  private static NodeCluster cluster;
  private static StateKvClient unusedAdmin;

  @BeforeAll
  static void start() throws IOException {
    ClusterSpec spec = ClusterSpec.of(3, ProbeImage.reference(), work.resolve("cluster"))
        .withReadyTimeout(Duration.ofSeconds(60));
    cluster = NodeCluster.start("statekv-chaos-nemesis-it-" + ProcessHandle.current().pid(), spec,
        new Random());
    // Probe nodes speak no client protocol; the nemeses tested here never call the admin API.
    unusedAdmin = StateKvClient.builder().endpoints(cluster.clientEndpoints()).build();
  }

  @AfterAll
  static void stop() {
    if (unusedAdmin != null) {
      unusedAdmin.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private static NemesisContext context(long seed) {
    return new NemesisContext(cluster, new NetworkRules(), unusedAdmin.admin(), new Random(seed),
        TIMEOUT);
  }

  private static Fault inject(String nemesis, NemesisContext context) throws IOException {
    return Nemeses.byName(nemesis).orElseThrow().inject(context);
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
  }

  @Test
  void pauseFreezesTheTargetUntilHealed() throws IOException {
    Fault fault = inject("pause-leader", context(2));
    ClusterNode target = cluster.node(fault.targets().get(0));
    assertThat(target.isPaused()).isTrue();
    assertThat(cluster.http().ready(target.address())).isFalse();
    fault.heal();
    cluster.awaitReady(target, TIMEOUT);
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
          if (from != to && !reachable(from, to)) {
            cut.add(to.id() + "<-" + from.id());
          }
        }
      }
      List<String> expected = context.network().active().stream()
          .map(d -> d.to().id() + "<-" + d.fromIp()).toList();
      assertThat(cut).as(shape + ": " + fault.description()).hasSameSizeAs(expected).isNotEmpty();
      fault.heal();
      assertThat(context.network().active()).isEmpty();
      assertThat(reachable(cluster.node("n1"), cluster.node("n2"))).isTrue();
    }
  }

  @Test
  void diskFaultsDamageTheStoppedNodesFilesAndRestartIt() throws IOException {
    for (ClusterNode node : cluster.nodes()) {
      Path group = Files.createDirectories(node.stateDir().resolve("group/current"));
      Files.write(group.resolve("log_inprogress_0"), new byte[10_000]);
      Files.write(node.stateDir().resolve("group/snapshot.1_100"), new byte[1_000]);
    }
    Fault truncate = inject("truncate-log", context(3));
    ClusterNode node = cluster.node(truncate.targets().get(0));
    assertThat(node.isRunning()).isFalse();
    assertThat(Files.size(node.stateDir().resolve("group/current/log_inprogress_0")))
        .isLessThan(10_000);
    truncate.heal();
    cluster.awaitReady(node, TIMEOUT);

    Fault corrupt = inject("corrupt-snapshot", context(4));
    node = cluster.node(corrupt.targets().get(0));
    byte[] snapshot = Files.readAllBytes(node.stateDir().resolve("group/snapshot.1_100"));
    assertThat(snapshot).hasSize(1_000).isNotEqualTo(new byte[1_000]);
    corrupt.heal();
    cluster.awaitReady(node, TIMEOUT);

    Fault wipe = inject("wipe", context(5));
    node = cluster.node(wipe.targets().get(0));
    assertThat(node.stateDir()).isEmptyDirectory();
    wipe.heal();
    cluster.awaitReady(node, TIMEOUT);
    assertThat(Files.readString(node.stateDir().resolve("starts")).strip()).isEqualTo("1");
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
      assertThat(cluster.http().ready(node.address())).isTrue();
    }
    assertThat(context.network().active()).isEmpty();
  }

  private static boolean reachable(ClusterNode from, ClusterNode to) {
    return cluster.http().json(from.address(), "/probe/connect?to=" + to.address().raftEndpoint())
        .orElseThrow().get("reachable").asBoolean();
  }
}
