package io.statekv.raft.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.raft.ApplyListener;
import io.statekv.raft.Member;
import io.statekv.raft.ReplicaConfig;
import io.statekv.raft.ReplicaException;
import io.statekv.storage.StateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running parts of one replica, built in dependency order by {@link #start} and torn down in
 * reverse by {@link #close}. It also receives the state machine's events, which Ratis raises under
 * its own locks: each is handed to the replica's scheduler thread.
 */
final class ReplicaRuntime implements StateMachineEvents, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicaRuntime.class);

  /** Threads that complete read barriers and run ReadIndex rounds. */
  static final int READ_THREADS = 2;

  /** The follower's internal client retries this often while a leader is elected. */
  static final TimeDuration CLIENT_RETRY_SLEEP = TimeDuration.valueOf(100, TimeUnit.MILLISECONDS);

  private final ReplicaConfig config;
  private final Tuning tuning;
  private final RaftGroupId groupId;
  private final RaftPeerId selfId;
  private final DataDirLock lock;
  private final ReplicaMetrics metrics;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService readThreads;
  private final AppliedWaiters waiters;
  private final KvStateMachine stateMachine;
  private final PeerContacts contacts;
  private final RecoveryGate gate;

  private final CompletableFuture<String> shutDownByRaft = new CompletableFuture<>();
  private volatile boolean closing;
  private volatile RaftServer server;
  private volatile RaftServer.Division division;
  private volatile LeaderBatcher batcher;
  private volatile LeaderLease lease;
  private volatile ReadBarriers reads;
  private volatile ExpiryProposer expiry;
  private volatile MembershipAdmin admin;
  private RaftClient client;

  private ReplicaRuntime(ReplicaConfig config, MeterRegistry registry, Tuning tuning, RaftGroupId groupId,
      List<ApplyListener> listeners, DataDirLock lock) throws IOException {
    this.config = config;
    this.tuning = tuning;
    this.groupId = groupId;
    this.selfId = RaftPeerId.valueOf(config.self().id());
    this.lock = lock;
    String name = config.self().id();
    this.metrics = new ReplicaMetrics(registry, name, RatisReplica.GROUP_NAME);
    this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("statekv-scheduler-" + name));
    this.readThreads = Executors.newFixedThreadPool(READ_THREADS, daemon("statekv-reads-" + name));
    this.waiters = new AppliedWaiters(readThreads);
    SnapshotFiles files = new SnapshotFiles();
    SnapshotRecovery recovery = new SnapshotRecovery(files, tuning.stores(), metrics);
    this.gate = new RecoveryGate(name);
    this.stateMachine = new KvStateMachine(files, recovery, metrics, waiters, this, scheduler,
        config.dataDir().resolve("quarantine"), gate, CleanShutdown.consume(config.dataDir()));
    listeners.forEach(stateMachine::addListener);
    this.contacts = new PeerContacts(selfId, () -> {
      RaftServer.Division d = division;
      return d == null ? null : d.getRaftConf();
    }, this::execute);
  }

  static ReplicaRuntime start(ReplicaConfig config, MeterRegistry registry, Tuning tuning, RaftGroupId groupId,
      List<ApplyListener> listeners) throws IOException {
    DataDirLock lock = DataDirLock.acquire(config.dataDir());
    ReplicaRuntime runtime = null;
    try {
      runtime = new ReplicaRuntime(config, registry, tuning, groupId, listeners, lock);
      runtime.startServer();
      runtime.startParts();
      return runtime;
    } catch (IOException | RuntimeException e) {
      if (runtime != null) {
        runtime.close();
      } else {
        lock.close();
      }
      throw e;
    }
  }

  private void startServer() throws IOException {
    Parameters parameters = new Parameters();
    TrackingRpcType.configure(parameters, contacts, gate, tuning.transport());
    Addresses.HostPort bind = Addresses.parse("self.raftAddress", config.self().raftAddress());
    RaftServer s = RaftServer.newBuilder()
        .setServerId(selfId)
        .setGroup(initialGroup())
        .setStateMachine(stateMachine)
        .setProperties(RatisSettings.server(config, tuning, config.dataDir().resolve("raft"), bind.host(), bind.port()))
        .setParameters(parameters)
        .setOption(RaftStorage.StartupOption.RECOVER)
        .build();
    server = s;
    s.start();
    division = s.getDivision(groupId);
    if (gate.isClosed()) {
      elections(false);
      gate.onOpen(() -> scheduler.execute(() -> elections(true)));
    }
  }

  /** Pauses or resumes this replica's own elections, through Ratis' admin API on itself. */
  private void elections(boolean resume) {
    try (RaftClient self = RaftClient.newBuilder()
        .setRaftGroup(RaftGroup.valueOf(groupId, division.getPeer()))
        .setProperties(RatisSettings.client(config, tuning))
        .setParameters(new Parameters())
        .build()) {
      var api = self.getLeaderElectionManagementApi(selfId);
      RaftClientReply reply = resume ? api.resume() : api.pause();
      if (!reply.isSuccess()) {
        throw new IOException("the election " + (resume ? "resume" : "pause") + " failed: " + reply);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new node in {@code initialMembers} bootstraps with them; any other node waits to be added. */
  private RaftGroup initialGroup() {
    boolean founding = config.initialMembers().stream().anyMatch(m -> m.id().equals(config.self().id()));
    if (!founding) {
      return RaftGroup.valueOf(groupId);
    }
    List<RaftPeer> peers = new ArrayList<>();
    for (Member m : config.initialMembers()) {
      peers.add(RaftPeer.newBuilder().setId(m.id()).setAddress(m.raftAddress()).build());
    }
    return RaftGroup.valueOf(groupId, peers);
  }

  private void startParts() {
    RatisProposer proposer = new RatisProposer(server, groupId, this::clientAddress);
    batcher = new LeaderBatcher(config.self().id(), proposer, this::notLeader, tuning.clock(), metrics,
        config.batchCommandsMax(), config.proposalsInFlightMax(), config.pipelineCommandsMin(),
        config.requestTimeout());
    lease = new LeaderLease(config.electionTimeoutMin(), contacts, this::leaderReady);
    reads = new ReadBarriers(server, () -> division, this::client, contacts, lease, waiters, this::notLeader,
        readThreads, config.requestTimeout());
    admin = new MembershipAdmin(config, server, () -> division, groupId, batcher, lease, this::notLeader, this::recorded,
        contacts::successor);
    expiry = new ExpiryProposer(scheduler, tuning.clock(), this::store, this::leaderReady, batcher::proposeAlone);
    expiry.start();
    registerGauges();
    if (leaderReady()) {
      onLeaderReady();
    }
  }

  private void registerGauges() {
    metrics.gauge("statekv.raft.applied.index", "The last log index applied to the store", null,
        () -> store().appliedRevision());
    metrics.gauge("statekv.raft.commit.index", "The highest log index known committed", null,
        () -> division.getRaftLog().getLastCommittedIndex());
    metrics.gauge("statekv.raft.log.size", "Bytes of Raft log segments on disk", "bytes", this::logBytes);
    metrics.gauge("statekv.store.entries", "Entries stored, including expired ones not yet deleted", null,
        () -> store().stats().entries());
    metrics.gauge("statekv.store.bytes", "Bytes of keys and values stored", "bytes", () -> store().stats().bytes());
  }

  private long logBytes() {
    Path current = division.getRaftStorage().getStorageDir().getCurrentDir().toPath();
    try (Stream<Path> files = Files.list(current)) {
      return files.filter(p -> p.getFileName().toString().startsWith("log_")).mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException e) {
      return -1;
    }
  }

  // ------------------------------------------------------------------ what the replica API reads

  RaftServer.Division division() {
    return division;
  }

  RecoveryGate gate() {
    return gate;
  }

  LeaderBatcher batcher() {
    return batcher;
  }

  ReadBarriers reads() {
    return reads;
  }

  MembershipAdmin admin() {
    return admin;
  }

  KvStateMachine stateMachine() {
    return stateMachine;
  }

  StateStore store() {
    return stateMachine.store();
  }

  long readTime() {
    return Math.max(tuning.clock().millis(), store().lastStamp());
  }

  boolean leaderReady() {
    RaftServer.Division d = division;
    if (d == null) {
      return false;
    }
    DivisionInfo info = d.getInfo();
    return info.isLeader() && info.isLeaderReady();
  }

  /** Null while this node leads; otherwise the {@code not_leader} failure with the leader hint. */
  ReplicaException notLeader() {
    RaftServer.Division d = division;
    if (d == null) {
      return Failures.unavailable("the replica is starting");
    }
    DivisionInfo info = d.getInfo();
    if (!info.isAlive()) {
      // Ratis closes a division that was removed from the group (or is shutting down): it leads
      // nothing and must not be named leader, so the client forgets it and looks elsewhere.
      return new ReplicaException(ErrorCode.NOT_LEADER, "this node is no longer a running member of the group", "", "");
    }
    if (info.isLeader()) {
      return null;
    }
    RaftPeerId leader = info.getLeaderId();
    String id = leader == null ? "" : leader.toString();
    return Failures.notLeader(id, clientAddress(id));
  }

  /** The stored record of a member, or null. */
  Member recorded(String id) {
    StateStore s = store();
    return s == null ? null : MemberRegistry.lookup(s, id, readTime());
  }

  /** A member of the configuration with its addresses, from its record or the initial members. */
  Member member(RaftPeer peer) {
    String id = peer.getId().toString();
    Member m = recorded(id);
    if (m == null) {
      m = config.initialMembers().stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
    }
    return m == null ? new Member(id, peer.getAddress(), "", "") : new Member(id, peer.getAddress(), m.clientAddress(), m.httpAddress());
  }

  String clientAddress(String id) {
    if (id == null || id.isEmpty()) {
      return "";
    }
    Member m = recorded(id);
    if (m == null) {
      m = config.initialMembers().stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
    }
    return m == null ? "" : m.clientAddress();
  }

  private synchronized RaftClient client() {
    if (client == null) {
      int retries = (int) Math.max(1, config.requestTimeout().toMillis() / CLIENT_RETRY_SLEEP.toLong(TimeUnit.MILLISECONDS));
      client = RaftClient.newBuilder()
          .setClientId(ClientId.randomId())
          .setRaftGroup(RaftGroup.valueOf(groupId, division.getRaftConf().getCurrentPeers()))
          .setLeaderId(division.getInfo().getLeaderId())
          .setProperties(RatisSettings.client(config, tuning))
          .setParameters(new Parameters())
          .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(retries, CLIENT_RETRY_SLEEP))
          .build();
    }
    return client;
  }

  private synchronized void resetClient() {
    if (client != null) {
      closeQuietly(client);
      client = null;
    }
  }

  // ------------------------------------------------------------------ state machine events

  @Override
  public void onLeaderChanged(RaftPeerId leaderId) {
    metrics.leaderChanged();
    if (!selfId.equals(leaderId)) {
      contacts.leadershipEnded();
    }
    execute(() -> {
      LeaderLease l = lease;
      if (l != null) {
        l.resume();
      }
      if (!selfId.equals(leaderId)) {
        LeaderBatcher b = batcher;
        if (b != null) {
          String id = leaderId == null ? "" : leaderId.toString();
          b.failQueued(Failures.notLeader(id, clientAddress(id)));
        }
      }
    });
  }

  @Override
  public void onLeaderReady() {
    execute(() -> {
      MembershipAdmin a = admin;
      ExpiryProposer e = expiry;
      if (a != null) {
        a.reconcile();
      }
      if (e != null) {
        e.kick();
      }
    });
  }

  @Override
  public void onConfigurationChanged() {
    execute(this::resetClient);
  }

  @Override
  public CompletableFuture<Long> readIndexForFollower() {
    ReadBarriers r = reads;
    return r == null ? Failures.failed(Failures.unavailable("the replica is starting")) : r.readIndexForFollower();
  }

  private void execute(Runnable task) {
    try {
      scheduler.execute(task);
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      LOG.debug("dropping an event while closing");
    }
  }

  // ------------------------------------------------------------------ shutdown

  @Override
  public void onStateMachineClosed() {
    if (!closing) {
      RaftServer.Division d = division;
      boolean member = d != null && d.getRaftConf().getCurrentPeers().stream().anyMatch(p -> p.getId().equals(selfId));
      String reason = member ? "Raft shut this node's replica down" : "this node was removed from the Raft group";
      LOG.error("{}: {}; the node must stop, and be started again to rejoin", selfId, reason);
      shutDownByRaft.complete(reason);
    }
  }

  /** Completes with the reason when Raft closed the replica by itself (not through {@link #close}). */
  CompletableFuture<String> shutDownByRaft() {
    return shutDownByRaft;
  }

  @Override
  public void close() {
    closing = true;
    closeQuietly(expiry);
    closeQuietly(batcher);
    resetClient();
    closeQuietly(server);
    recordCleanStop();
    scheduler.shutdownNow();
    readThreads.shutdown();
    closeQuietly(metrics);
    lock.close();
  }

  /** After the server closed: the log is durable up to its flush index, which the next start checks. */
  private void recordCleanStop() {
    RaftServer.Division d = division;
    if (d == null || server == null || !server.getLifeCycleState().isClosingOrClosed()) {
      return;
    }
    try {
      CleanShutdown.write(config.dataDir(), d.getRaftLog().getFlushIndex());
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not record the clean stop; the next start will treat it as a crash", e);
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      LOG.warn("failed to close {}", c, e);
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
