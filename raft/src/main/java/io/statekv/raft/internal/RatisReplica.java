package io.statekv.raft.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.statekv.protocol.v1.ClientCommand;
import io.statekv.protocol.v1.CommandResult;
import io.statekv.protocol.v1.Consistency;
import io.statekv.raft.ApplyListener;
import io.statekv.raft.ClusterView;
import io.statekv.raft.Member;
import io.statekv.raft.Replica;
import io.statekv.raft.ReplicaConfig;
import io.statekv.raft.ReplicaException;
import io.statekv.raft.StateHash;
import io.statekv.storage.ClusterSettings;
import io.statekv.storage.StateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;

/**
 * The Apache Ratis replica: one member of one Raft group, with its state machine, the leader's
 * batcher and expiry proposer, the read barriers and the membership operations. The parts live in
 * {@link ReplicaRuntime}, built by {@link #start()}; this class answers the {@link Replica} API.
 *
 * <p>The group id derives from a name ({@link #GROUP_NAME}), and nothing is static, so that one
 * process can later host several groups, one replica each.
 */
public final class RatisReplica implements Replica {
  /** The name of the one group statekv runs today. */
  public static final String GROUP_NAME = "main";

  private final ReplicaConfig config;
  private final MeterRegistry registry;
  private final Tuning tuning;
  private final RaftGroupId groupId;
  private final List<ApplyListener> listeners = new CopyOnWriteArrayList<>();
  private final CompletableFuture<String> shutDownByRaft = new CompletableFuture<>();
  private volatile ReplicaRuntime runtime;
  private boolean closed;

  private RatisReplica(ReplicaConfig config, MeterRegistry registry, Tuning tuning) {
    this.config = config;
    this.registry = registry;
    this.tuning = tuning;
    this.groupId = groupId(GROUP_NAME);
    Addresses.parse("self.raftAddress", config.self().raftAddress());
    for (Member m : config.initialMembers()) {
      Addresses.parse("raft address of " + m.id(), m.raftAddress());
    }
  }

  public static Replica create(ReplicaConfig config, MeterRegistry metrics) {
    return new RatisReplica(config, metrics, Tuning.defaults());
  }

  static RatisReplica create(ReplicaConfig config, MeterRegistry metrics, Tuning tuning) {
    return new RatisReplica(config, metrics, tuning);
  }

  /** A stable group id for a group name, the same on every node. */
  static RaftGroupId groupId(String name) {
    return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(("statekv/group/" + name).getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public CompletableFuture<String> shutDownByRaft() {
    return shutDownByRaft;
  }

  @Override
  public synchronized void start() {
    if (closed || runtime != null) {
      throw new IllegalStateException(closed ? "the replica is closed" : "the replica is already started");
    }
    try {
      runtime = ReplicaRuntime.start(config, registry, tuning, groupId, listeners);
      runtime.shutDownByRaft().thenAccept(shutDownByRaft::complete);
    } catch (IOException e) {
      throw new UncheckedIOException("the replica " + config.self().id() + " could not start", e);
    }
  }

  /** Whether this replica is kept out of elections after losing log entries (tests and status). */
  boolean electionsWithheld() {
    return running().gate().isClosed();
  }

  /** The voters' ids in the order of the Raft configuration (tests). */
  List<String> voterIdsInConfOrder() {
    return running().division().getRaftConf().getCurrentPeers().stream().map(p -> p.getId().toString()).toList();
  }

  /** Vote requests this replica refused while withholding its vote. */
  long votesRefused() {
    return running().gate().votesRefused();
  }

  private ReplicaRuntime running() {
    ReplicaRuntime r = runtime;
    if (r == null) {
      throw new IllegalStateException("the replica is not started");
    }
    return r;
  }

  @Override
  public CompletableFuture<CommandResult> submit(ClientCommand command) {
    ReplicaRuntime r = running();
    ReplicaException refusal = r.notLeader();
    return refusal != null ? Failures.failed(refusal) : r.batcher().submit(command);
  }

  @Override
  public CompletableFuture<Long> readBarrier(Consistency consistency, long minRevision) {
    return running().reads().barrier(consistency, minRevision);
  }

  @Override
  public StateStore store() {
    return running().store();
  }

  @Override
  public long readTime() {
    return running().readTime();
  }

  @Override
  public StateHash stateHash() {
    return running().stateMachine().stateHash();
  }

  @Override
  public ClusterView cluster() {
    ReplicaRuntime r = running();
    RaftServer.Division d = r.division();
    DivisionInfo info = d.getInfo();
    RaftPeerId leader = info.getLeaderId();
    List<Member> members = new ArrayList<>();
    for (RaftPeer p : d.getRaftConf().getCurrentPeers()) {
      members.add(r.member(p));
    }
    members.sort(Comparator.comparing(Member::id));
    boolean alive = info.isAlive();
    return new ClusterView(
        config.self().id(),
        leader == null || !alive ? "" : leader.toString(),
        info.getCurrentTerm(),
        d.getRaftLog().getLastCommittedIndex(),
        r.store().appliedRevision(),
        members,
        alive && info.isLeader() && info.isLeaderReady());
  }

  @Override
  public CompletableFuture<ClusterView> addMember(Member member) {
    return running().admin().add(member).thenApply(v -> cluster());
  }

  @Override
  public CompletableFuture<ClusterView> removeMember(String id) {
    return running().admin().remove(id).thenApply(v -> cluster());
  }

  @Override
  public CompletableFuture<ClusterView> transferLeadership(String id) {
    return running().admin().transfer(id).thenApply(v -> cluster());
  }

  @Override
  public CompletableFuture<ClusterSettings> changeSettings(ClusterSettings settings) {
    return running().admin().changeSettings(settings);
  }

  @Override
  public void addApplyListener(ApplyListener listener) {
    listeners.add(listener);
    ReplicaRuntime r = runtime;
    if (r != null) {
      r.stateMachine().addListener(listener);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    ReplicaRuntime r = runtime;
    runtime = null;
    if (r != null) {
      r.close();
    }
  }
}
