package io.statekv.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.statekv.protocol.v1.ClientCommand;
import io.statekv.protocol.v1.CommandResult;
import io.statekv.raft.ApplyListener;
import io.statekv.raft.Member;
import io.statekv.raft.ReplicaConfig;
import io.statekv.raft.ReplicaException;
import io.statekv.storage.Event;
import io.statekv.raft.testing.FreePorts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Real Ratis replicas on loopback ports, with their data under a test directory. Conditions are
 * awaited with deadlines; nothing sleeps to synchronize.
 */
final class TestCluster implements AutoCloseable {
  static final Duration ELECTION_MIN = Duration.ofMillis(600);
  static final Duration ELECTION_MAX = Duration.ofMillis(1200);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
  static final Duration DEADLINE = Duration.ofSeconds(60);

  final Path root;
  final Tuning tuning;
  final long snapshotThreshold;
  final List<Member> members = new ArrayList<>();
  final Map<String, RatisReplica> replicas = new LinkedHashMap<>();
  final Map<String, Recorder> recorders = new LinkedHashMap<>();
  final Map<String, SimpleMeterRegistry> registries = new LinkedHashMap<>();
  private Duration electionMin = ELECTION_MIN;
  private Duration electionMax = ELECTION_MAX;
  private int batchCommandsMax = 64;
  private int proposalsInFlightMax = 4;

  /** What one node applied, in order. */
  static final class Recorder implements ApplyListener {
    final List<Long> revisions = new CopyOnWriteArrayList<>();
    final List<Event> events = new CopyOnWriteArrayList<>();
    final List<Long> resets = new CopyOnWriteArrayList<>();

    @Override
    public void onApplied(long revision, List<Event> applied) {
      revisions.add(revision);
      events.addAll(applied);
    }

    @Override
    public void onReset(long revision) {
      resets.add(revision);
    }
  }

  TestCluster(Path root, int size, long snapshotThreshold, Tuning tuning) throws IOException {
    this.root = root;
    this.tuning = tuning;
    this.snapshotThreshold = snapshotThreshold;
    for (int i = 1; i <= size; i++) {
      members.add(newMember("n" + i));
    }
  }

  static Member newMember(String id) throws IOException {
    return new Member(id, "127.0.0.1:" + freePort(), "127.0.0.1:" + freePort(), "127.0.0.1:" + freePort());
  }

  static int freePort() throws IOException {
    return FreePorts.next();
  }

  ReplicaConfig config(Member self, List<Member> initial) {
    return new ReplicaConfig(self, initial, root.resolve(self.id()), electionMin, electionMax,
        snapshotThreshold, REQUEST_TIMEOUT, batchCommandsMax, proposalsInFlightMax,
        ReplicaConfig.PIPELINE_COMMANDS_MIN_DEFAULT);
  }

  /** Before {@link #startAll}: the production election timeouts and the given batching. */
  TestCluster withProductionTimeouts(int batchMax, int entriesInFlight) {
    electionMin = ReplicaConfig.ELECTION_TIMEOUT_MIN_DEFAULT;
    electionMax = ReplicaConfig.ELECTION_TIMEOUT_MAX_DEFAULT;
    batchCommandsMax = batchMax;
    proposalsInFlightMax = entriesInFlight;
    return this;
  }

  /** Starts every member as a founding member. */
  TestCluster startAll() {
    members.forEach(m -> start(m, members));
    return this;
  }

  RatisReplica start(Member m, List<Member> initial) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    registries.put(m.id(), registry);
    RatisReplica r = RatisReplica.create(config(m, initial), registry, tuning);
    Recorder rec = new Recorder();
    r.addApplyListener(rec);
    replicas.put(m.id(), r);
    recorders.put(m.id(), rec);
    r.start();
    return r;
  }

  void stop(String id) {
    RatisReplica r = replicas.remove(id);
    if (r != null) {
      r.close();
    }
  }

  RatisReplica replica(String id) {
    return replicas.get(id);
  }

  Member member(String id) {
    return members.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
  }

  /** The current leader, once one running node leads and has committed in its term. */
  RatisReplica awaitLeader() {
    String[] found = new String[1];
    await("a ready leader", () -> {
      for (Map.Entry<String, RatisReplica> e : replicas.entrySet()) {
        if (e.getValue().cluster().leaderReady()) {
          found[0] = e.getKey();
          return true;
        }
      }
      return false;
    });
    return replicas.get(found[0]);
  }

  String leaderId() {
    return awaitLeader().cluster().nodeId();
  }

  /** Submits to the current leader, following leader changes until the deadline. */
  CommandResult write(ClientCommand command) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (true) {
      RatisReplica leader = awaitLeader();
      try {
        return leader.submit(command).get(REQUEST_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof ReplicaException re) || System.nanoTime() > deadline) {
          throw new AssertionError("write failed", e);
        }
        if (re.code() == io.statekv.protocol.v1.ErrorCode.TIMEOUT) {
          throw new AssertionError("write outcome unknown; tests that allow it must not use write()", e);
        }
      } catch (java.util.concurrent.TimeoutException e) {
        throw new AssertionError("write did not complete", e);
      }
    }
  }

  /**
   * Waits until every running node applied the same index, then compares their state hashes.
   *
   * <p>Raft's own metadata entries keep arriving after the last write and advance every store, so a
   * hash is only comparable with another taken at the same applied index: each node's hash is
   * bracketed by two reads of its applied index, and the round is retried until all brackets agree.
   */
  void awaitConverged() {
    List<String> hashes = new ArrayList<>();
    await("all nodes hold the same state at the same applied index", () -> {
      hashes.clear();
      long common = -1;
      for (RatisReplica r : replicas.values()) {
        long before = r.store().appliedRevision();
        String hash = HexFormat.of().formatHex(r.store().stateHash());
        if (r.store().appliedRevision() != before || (common != -1 && before != common)) {
          return false;
        }
        common = before;
        hashes.add(hash);
      }
      long max = replicas.values().stream().mapToLong(r -> r.cluster().commitIndex()).max().orElse(0);
      return common >= max;
    });
    assertThat(hashes).as("state hashes of " + replicas.keySet()).containsOnly(hashes.get(0));
  }

  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }

  @Override
  public void close() {
    new ArrayList<>(replicas.keySet()).forEach(this::stop);
  }

  static byte[] hash(RatisReplica r) {
    return Arrays.copyOf(r.store().stateHash(), 32);
  }
}
