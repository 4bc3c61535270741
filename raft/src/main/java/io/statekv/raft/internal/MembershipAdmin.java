package io.statekv.raft.internal;

import io.statekv.protocol.v1.BatchResult;
import io.statekv.protocol.v1.CommandResult;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.protocol.v1.LogEntry;
import io.statekv.protocol.v1.SettingsCommand;
import io.statekv.raft.Member;
import io.statekv.raft.ReplicaConfig;
import io.statekv.raft.ReplicaException;
import io.statekv.storage.ClusterSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.protocol.TransferLeadershipRequest;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.RaftException;
import org.apache.ratis.protocol.exceptions.ReconfigurationInProgressException;
import org.apache.ratis.protocol.exceptions.SetConfigurationException;
import org.apache.ratis.server.RaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Membership and cluster settings, on the leader, through the Ratis server's in-process admin
 * calls. A member is added by writing its record ({@link MemberRegistry}) and then asking Ratis to
 * add the peer: Ratis first brings the new node up to date (log or snapshot) as a non-voting
 * staging member, then commits the new configuration. A member is removed by a compare-and-set of
 * the configuration, then its record is deleted. Thread-safe.
 */
final class MembershipAdmin {
  private static final Logger LOG = LoggerFactory.getLogger(MembershipAdmin.class);

  /** Membership changes may wait for a new member to catch up: this many request timeouts. */
  static final int ADMIN_TIMEOUT_FACTOR = 6;

  private final ReplicaConfig config;
  private final RaftServer server;
  private final Supplier<RaftServer.Division> division;
  private final RaftGroupId groupId;
  private final LeaderBatcher batcher;
  private final LeaderLease lease;
  private final Supplier<ReplicaException> notLeader;
  private final Function<String, Member> recorded;
  private final Supplier<RaftPeerId> successor;
  private final Duration timeout;
  private final ClientId adminId = ClientId.randomId();
  private final AtomicLong callIds = new AtomicLong();
  /** The peers this leader's adds are staging: from the call until Ratis answers it. */
  private final Set<String> staging = ConcurrentHashMap.newKeySet();

  /**
   * @param recorded the stored record of a member id, or null
   * @param successor the best voter to hand leadership to, or null when none is known
   */
  MembershipAdmin(
      ReplicaConfig config,
      RaftServer server,
      Supplier<RaftServer.Division> division,
      RaftGroupId groupId,
      LeaderBatcher batcher,
      LeaderLease lease,
      Supplier<ReplicaException> notLeader,
      Function<String, Member> recorded,
      Supplier<RaftPeerId> successor) {
    this.config = config;
    this.server = server;
    this.division = division;
    this.groupId = groupId;
    this.batcher = batcher;
    this.lease = lease;
    this.notLeader = notLeader;
    this.recorded = recorded;
    this.successor = successor;
    this.timeout = config.requestTimeout().multipliedBy(ADMIN_TIMEOUT_FACTOR);
  }

  CompletableFuture<Void> add(Member m) {
    ReplicaException refusal = notLeader.get();
    if (refusal != null) {
      return Failures.failed(refusal);
    }
    try {
      validate(m);
    } catch (IllegalArgumentException e) {
      return Failures.failed(new ReplicaException(ErrorCode.INVALID_ARGUMENT, e.getMessage()));
    }
    return writeRecord(m).thenCompose(v -> inConf(m.id()) ? CompletableFuture.<Void>completedFuture(null) : addPeer(m));
  }

  private CompletableFuture<Void> addPeer(Member m) {
    RaftServer.Division d = division.get();
    List<String> replicatedTo = d.getCommitInfos().stream().map(c -> c.getServer().getId().toStringUtf8()).toList();
    boolean member = d.getRaftConf().getPeer(RaftPeerId.valueOf(m.id()), RaftPeerRole.FOLLOWER, RaftPeerRole.LISTENER) != null;
    if (LeftoverAppender.present(m.id(), member, replicatedTo, staging)) {
      LOG.warn("this leader still replicates to {}, which no configuration names (a log appender left from its "
          + "removal); handing leadership on so that the add starts on a leader without it", m.id());
      return handOff("leadership is being handed off before " + m.id() + " is added; retry");
    }
    RaftPeer peer = RaftPeer.newBuilder().setId(m.id()).setAddress(m.raftAddress()).build();
    staging.add(m.id());
    return setConf(SetConfigurationRequest.Arguments.newBuilder()
            .setServersInNewConf(List.of(peer))
            .setMode(SetConfigurationRequest.Mode.ADD)
            .build(),
        () -> staging.remove(m.id()));
  }

  CompletableFuture<Void> remove(String id) {
    ReplicaException refusal = notLeader.get();
    if (refusal != null) {
      return Failures.failed(refusal);
    }
    if (!inConf(id)) {
      return deleteRecord(id);
    }
    List<RaftPeer> current = new ArrayList<>(voters());
    List<RaftPeer> next = new ArrayList<>(current);
    next.removeIf(p -> p.getId().toString().equals(id));
    if (next.isEmpty()) {
      return Failures.failed(new ReplicaException(ErrorCode.INVALID_ARGUMENT, "cannot remove the last member"));
    }
    if (id.equals(server.getId().toString())) {
      // Ratis would close this leader the moment the change commits, before it answers or deletes
      // the member's record: the removal goes to the next leader, where it removes a follower.
      return handOff("leadership is being handed off before this member's removal; retry");
    }
    return setConf(SetConfigurationRequest.Arguments.newBuilder()
            .setServersInCurrentConf(current)
            .setServersInNewConf(next)
            .setMode(SetConfigurationRequest.Mode.COMPARE_AND_SET)
            .build())
        .thenCompose(v -> deleteRecord(id).exceptionally(e -> {
          // The removal stands; a stale record is never read, since views start from the configuration.
          LOG.warn("member {} was removed but its record could not be deleted: {}", id, e.toString());
          return null;
        }));
  }

  /**
   * Hands leadership to another member and answers NOT_LEADER naming it, so that the client sends
   * the change there ({@code unavailable} with {@code retry} when no leader is known yet).
   */
  private CompletableFuture<Void> handOff(String retry) {
    return transfer("").thenCompose(v -> {
      ReplicaException moved = notLeader.get();
      return Failures.failed(moved != null ? moved : Failures.unavailable(retry));
    });
  }

  CompletableFuture<Void> transfer(String id) {
    ReplicaException refusal = notLeader.get();
    if (refusal != null) {
      return Failures.failed(refusal);
    }
    RaftPeerId target = target(id);
    if (target == null) {
      return Failures.failed(new ReplicaException(ErrorCode.INVALID_ARGUMENT, "no member '" + id + "' to hand leadership to"));
    }
    if (target.equals(server.getId())) {
      return CompletableFuture.completedFuture(null);
    }
    lease.suspend();
    TransferLeadershipRequest request = new TransferLeadershipRequest(
        adminId, server.getId(), groupId, callIds.incrementAndGet(), target, config.requestTimeout().toMillis());
    return admin(() -> server.transferLeadershipAsync(request)).whenComplete((v, e) -> {
      if (e != null) {
        lease.resume();
      }
    });
  }

  CompletableFuture<ClusterSettings> changeSettings(ClusterSettings s) {
    ReplicaException refusal = notLeader.get();
    if (refusal != null) {
      return Failures.failed(refusal);
    }
    LogEntry.Builder entry = LogEntry.newBuilder().setSettings(SettingsCommand.newBuilder()
        .setValueBytesMax(s.valueBytesMax())
        .setEntriesMax(s.entriesMax())
        .setStateBytesMax(s.stateBytesMax())
        .setSessionsMax(s.sessionsMax())
        .setSessionTtlMillis(s.sessionTtlMillis()));
    return batcher.proposeAlone(entry).thenApply((BatchResult r) -> {
      if (r.getResultsCount() == 1 && r.getResults(0).hasError()) {
        throw asException(r.getResults(0));
      }
      return s;
    });
  }

  /**
   * On a new leader: writes the records of members that have none, for the members this node knows
   * (itself, and the initial members of its configuration), and refreshes its own record.
   */
  void reconcile() {
    for (RaftPeer p : voters()) {
      String id = p.getId().toString();
      Member known = known(id);
      if (known == null) {
        continue;
      }
      Member stored = recorded.apply(id);
      boolean self = id.equals(config.self().id());
      if (stored == null || (self && !stored.equals(known))) {
        writeRecord(known).whenComplete((v, e) -> {
          if (e != null) {
            LOG.info("could not record member {} yet: {}", id, e.toString());
          }
        });
      }
    }
  }

  private Member known(String id) {
    if (id.equals(config.self().id())) {
      return config.self();
    }
    return config.initialMembers().stream().filter(m -> m.id().equals(id)).findFirst().orElse(null);
  }

  private CompletableFuture<Void> writeRecord(Member m) {
    return batcher.submit(MemberRegistry.record(m)).thenAccept(this::requireSuccess);
  }

  private CompletableFuture<Void> deleteRecord(String id) {
    return batcher.submit(MemberRegistry.removal(id)).thenAccept(this::requireSuccess);
  }

  private void requireSuccess(CommandResult r) {
    if (r.hasError()) {
      throw asException(r);
    }
  }

  private static ReplicaException asException(CommandResult r) {
    return new ReplicaException(r.getError().getCode(), r.getError().getMessage());
  }

  private CompletableFuture<Void> setConf(SetConfigurationRequest.Arguments args) {
    return setConf(args, () -> { });
  }

  /**
   * @param answered run when Ratis answers the change, which may be long after this call timed out
   *     (a new member's catch-up goes on; a retried add must not take its appender for a leftover)
   */
  private CompletableFuture<Void> setConf(SetConfigurationRequest.Arguments args, Runnable answered) {
    SetConfigurationRequest request = new SetConfigurationRequest(
        adminId, server.getId(), groupId, callIds.incrementAndGet(), args);
    return admin(() -> server.setConfigurationAsync(request).whenComplete((r, e) -> answered.run()), true);
  }

  private CompletableFuture<Void> admin(AdminCall call) {
    return admin(call, false);
  }

  /** @param logged whether Ratis appends the change to the log (a configuration change does) */
  private CompletableFuture<Void> admin(AdminCall call, boolean logged) {
    CompletableFuture<RaftClientReply> reply;
    try {
      reply = call.send();
    } catch (IOException e) {
      return Failures.failed(Failures.unavailable("the Raft server refused the request: " + e.getMessage()));
    }
    return reply.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .handle((r, e) -> {
          if (e != null) {
            throw Failures.afterProposal(e);
          }
          if (!r.isSuccess()) {
            throw adminFailure(r.getException(), notLeader.get(), logged);
          }
          return null;
        });
  }

  /**
   * Maps a failed admin reply. Every admin call starts only on the leader, so a {@code
   * NotLeaderException} means leadership moved while it ran. A configuration change was in the log
   * by then and a later leader may still commit it: its outcome is unknown, never a refusal the
   * caller could take as "nothing happened". Other calls answer {@code nowNotLeader}, the refusal
   * naming the new leader, when there is one.
   */
  static ReplicaException adminFailure(RaftException e, ReplicaException nowNotLeader, boolean logged) {
    if (e instanceof NotLeaderException) {
      if (logged) {
        String id = nowNotLeader != null ? nowNotLeader.leaderId() : null;
        return new ReplicaException(ErrorCode.TIMEOUT, "leadership changed during the configuration change, which may"
            + " still commit; the outcome is unknown: check the members", id,
            nowNotLeader != null ? nowNotLeader.leaderAddress() : null);
      }
      return nowNotLeader != null ? nowNotLeader
          : Failures.timeout("leadership changed during the change: " + e.getMessage());
    }
    if (e instanceof LeaderNotReadyException || e instanceof ReconfigurationInProgressException) {
      return Failures.unavailable(e.getMessage());
    }
    if (e instanceof SetConfigurationException) {
      return new ReplicaException(ErrorCode.INVALID_ARGUMENT, e.getMessage());
    }
    return Failures.timeout("the change failed after Raft accepted it (" + e + "); check the cluster status");
  }

  private RaftPeerId target(String id) {
    if (id == null || id.isEmpty()) {
      RaftPeerId best = successor.get();
      if (best != null) {
        return best;
      }
    }
    Collection<RaftPeer> voters = voters();
    for (RaftPeer p : voters) {
      boolean wanted = id == null || id.isEmpty() ? !p.getId().equals(server.getId()) : p.getId().toString().equals(id);
      if (wanted) {
        return p.getId();
      }
    }
    return null;
  }

  private boolean inConf(String id) {
    return voters().stream().anyMatch(p -> p.getId().toString().equals(id));
  }

  private Collection<RaftPeer> voters() {
    return division.get().getRaftConf().getCurrentPeers();
  }

  private static void validate(Member m) {
    if (m.id() == null || m.id().isEmpty()) {
      throw new IllegalArgumentException("a member needs an id");
    }
    Addresses.parse("the raft address of " + m.id(), m.raftAddress());
  }

  @FunctionalInterface
  private interface AdminCall {
    CompletableFuture<RaftClientReply> send() throws IOException;
  }
}
