package io.statekv.node.wire;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.statekv.node.dispatch.DispatcherConfig;
import io.statekv.node.dispatch.ReplicaDispatcher;
import io.statekv.node.watch.WatchConfig;
import io.statekv.node.watch.WatchService;
import io.statekv.raft.Member;
import io.statekv.raft.Replica;
import io.statekv.raft.ReplicaConfig;
import io.statekv.raft.testing.FreePorts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real cluster in one JVM: Ratis replicas on loopback ports with their data in a test
 * directory, each with its dispatcher and client protocol server, exactly as a node wires them.
 */
final class LocalCluster implements AutoCloseable {
  static final Duration REPLICA_REQUEST_TIMEOUT = Duration.ofSeconds(5);

  /** One running node. */
  record Node(Member member, Replica replica, WatchService watches, ReplicaDispatcher dispatcher, ProtocolServer server) {
    void close() {
      watches.close();
      server.close();
      dispatcher.close();
      replica.close();
    }
  }

  private final Path root;
  private final Duration electionMin;
  private final Duration electionMax;
  private final List<Member> members = new ArrayList<>();
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private WatchConfig watchConfig = WatchConfig.DEFAULTS;
  private long snapshotThresholdEntries = ReplicaConfig.SNAPSHOT_THRESHOLD_ENTRIES_DEFAULT;

  LocalCluster(Path root, int size, Duration electionMin, Duration electionMax) throws IOException {
    this.root = root;
    this.electionMin = electionMin;
    this.electionMax = electionMax;
    for (int i = 1; i <= size; i++) {
      members.add(new Member("n" + i, "127.0.0.1:" + freePort(), "127.0.0.1:" + freePort(), "127.0.0.1:" + freePort()));
    }
  }

  static LocalCluster started(Path root, int size) throws Exception {
    LocalCluster cluster = new LocalCluster(root, size, Duration.ofMillis(800), Duration.ofMillis(1600));
    cluster.startAll();
    return cluster;
  }

  /** Watch settings of the nodes started from now on. */
  LocalCluster watchConfig(WatchConfig config) {
    this.watchConfig = config;
    return this;
  }

  /** Snapshot threshold of the nodes started from now on. */
  LocalCluster snapshotThresholdEntries(long entries) {
    this.snapshotThresholdEntries = entries;
    return this;
  }

  private static int freePort() throws IOException {
    return FreePorts.next();
  }

  void startAll() throws Exception {
    for (Member member : members) {
      start(member);
    }
  }

  private void start(Member member) throws Exception {
    ReplicaConfig config = new ReplicaConfig(member, members, root.resolve(member.id()), electionMin, electionMax,
        snapshotThresholdEntries, REPLICA_REQUEST_TIMEOUT,
        ReplicaConfig.BATCH_COMMANDS_MAX_DEFAULT, ReplicaConfig.PROPOSALS_IN_FLIGHT_MAX_DEFAULT,
        ReplicaConfig.PIPELINE_COMMANDS_MIN_DEFAULT);
    Replica replica = Replica.create(config, new SimpleMeterRegistry());
    WatchService watches = new WatchService(replica, watchConfig, member.id());
    watches.start();
    replica.start();
    ReplicaDispatcher dispatcher = new ReplicaDispatcher(replica, DispatcherConfig.DEFAULTS, watches);
    int port = Integer.parseInt(member.clientAddress().substring(member.clientAddress().lastIndexOf(':') + 1));
    ProtocolServer server = ProtocolServer.start(ProtocolServerConfig.defaults("127.0.0.1", port), dispatcher, watches);
    nodes.put(member.id(), new Node(member, replica, watches, dispatcher, server));
  }

  /** Starts a stopped node again on its data dir and ports, as a restarted process would. */
  void restart(String id) throws Exception {
    if (nodes.containsKey(id)) {
      throw new IllegalStateException(id + " is running");
    }
    start(members.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow());
  }

  /** The id of the leader, once a running node leads and has committed in its term. */
  String awaitLeader() {
    String[] leader = new String[1];
    Await.until("a ready leader", Duration.ofSeconds(60), () -> {
      for (Node node : nodes.values()) {
        if (node.replica().cluster().leaderReady()) {
          leader[0] = node.member().id();
          return true;
        }
      }
      return false;
    });
    return leader[0];
  }

  /** A running node other than {@code id}. */
  String other(String id) {
    return nodes.keySet().stream().filter(n -> !n.equals(id)).findFirst().orElseThrow();
  }

  Node node(String id) {
    return nodes.get(id);
  }

  String endpoint(String id) {
    return nodes.get(id).member().clientAddress();
  }

  List<String> endpoints() {
    return nodes.values().stream().map(n -> n.member().clientAddress()).toList();
  }

  List<String> running() {
    return List.copyOf(nodes.keySet());
  }

  /** Stops a node: its server, its dispatcher and its replica, as a crash of the process would. */
  void stop(String id) {
    Node node = nodes.remove(id);
    if (node != null) {
      node.close();
    }
  }

  @Override
  public void close() {
    new ArrayList<>(nodes.keySet()).forEach(this::stop);
  }
}
