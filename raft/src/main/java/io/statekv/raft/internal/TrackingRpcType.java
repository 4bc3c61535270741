package io.statekv.raft.internal;

import java.util.List;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.proto.RaftProtos.AppendEntriesReplyProto;
import org.apache.ratis.proto.RaftProtos.AppendEntriesRequestProto;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.rpc.RpcFactory;
import org.apache.ratis.rpc.RpcType;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerRpc;
import org.apache.ratis.server.ServerFactory;
import org.apache.ratis.server.leader.FollowerInfo;
import org.apache.ratis.server.leader.LeaderState;
import org.apache.ratis.server.leader.LogAppender;
import org.apache.ratis.server.protocol.TermIndex;

/**
 * A Ratis transport (gRPC or Netty underneath, unchanged) whose leader reports each follower's
 * answers to {@link PeerContacts}. It uses Ratis' public extension points: a user-defined {@link
 * RpcType} named in the server properties, and {@link ServerFactory#newLogAppender}, which hands
 * the appender a {@link LeaderState} that forwards every call and tells us about replies. Incoming
 * peer requests reach Ratis through {@link GatedServer}, which keeps a damaged replica out of
 * elections ({@link RecoveryGate}).
 *
 * <p>The per-server objects travel in the server's {@link Parameters}, not in statics, so that one
 * process can host many servers and groups.
 */
public final class TrackingRpcType implements RpcType {
  static final String CONTACTS_PARAMETER = "statekv.peer-contacts";
  static final String TRANSPORT_PARAMETER = "statekv.transport";
  static final String GATE_PARAMETER = "statekv.recovery-gate";

  /** Ratis instantiates the type by class name. */
  public TrackingRpcType() {}

  static void configure(Parameters parameters, PeerContacts contacts, RecoveryGate gate, SupportedRpcType transport) {
    parameters.put(CONTACTS_PARAMETER, contacts, PeerContacts.class);
    parameters.put(GATE_PARAMETER, gate, RecoveryGate.class);
    parameters.put(TRANSPORT_PARAMETER, transport, SupportedRpcType.class);
  }

  @Override
  public String name() {
    return TrackingRpcType.class.getName();
  }

  @Override
  public RpcFactory newFactory(Parameters parameters) {
    PeerContacts contacts = parameters.getNonNull(CONTACTS_PARAMETER, PeerContacts.class);
    SupportedRpcType transport = parameters.getNonNull(TRANSPORT_PARAMETER, SupportedRpcType.class);
    RecoveryGate gate = parameters.getNonNull(GATE_PARAMETER, RecoveryGate.class);
    return new Factory(ServerFactory.cast(transport.newFactory(parameters)), contacts, gate);
  }

  private static final class Factory implements ServerFactory {
    private final ServerFactory transport;
    private final PeerContacts contacts;
    private final RecoveryGate gate;

    Factory(ServerFactory transport, PeerContacts contacts, RecoveryGate gate) {
      this.transport = transport;
      this.contacts = contacts;
      this.gate = gate;
    }

    @Override
    public RpcType getRpcType() {
      return transport.getRpcType();
    }

    @Override
    public RaftServerRpc newRaftServerRpc(RaftServer server) {
      return transport.newRaftServerRpc(GatedServer.wrap(server, gate));
    }

    @Override
    public LogAppender newLogAppender(RaftServer.Division server, LeaderState leader, FollowerInfo follower) {
      LogAppender appender = transport.newLogAppender(server, new ReportingLeaderState(leader, contacts), follower);
      contacts.appenderCreated(leader, appender);
      return appender;
    }
  }

  /** Forwards every call to the leader state and reports answered AppendEntries. */
  private static final class ReportingLeaderState implements LeaderState {
    private final LeaderState leader;
    private final PeerContacts contacts;

    ReportingLeaderState(LeaderState leader, PeerContacts contacts) {
      this.leader = leader;
      this.contacts = contacts;
    }

    @Override
    public void onAppendEntriesReply(LogAppender appender, AppendEntriesReplyProto reply) {
      // Ratis calls this for SUCCESS and INCONSISTENCY replies: the follower accepted our term.
      // A NOT_LEADER reply (a higher term) never gets here; the appender steps the leader down.
      contacts.accepted(leader, appender);
      leader.onAppendEntriesReply(appender, reply);
      if (reply.getResult() == AppendEntriesReplyProto.AppendResult.INCONSISTENCY
          && reply.getNextIndex() <= appender.getFollower().getMatchIndex()) {
        contacts.followerLostEntries(leader, appender, reply.getNextIndex());
      }
    }

    @Override
    public void restart(LogAppender appender) {
      leader.restart(appender);
    }

    @Override
    public AppendEntriesRequestProto newAppendEntriesRequestProto(
        FollowerInfo follower, List<LogEntryProto> entries, TermIndex previous, long callId) {
      return leader.newAppendEntriesRequestProto(follower, entries, previous, callId);
    }

    @Override
    public void checkHealth(FollowerInfo follower) {
      leader.checkHealth(follower);
    }

    @Override
    public boolean onFollowerTerm(FollowerInfo follower, long followerTerm) {
      return leader.onFollowerTerm(follower, followerTerm);
    }

    @Override
    public void onFollowerCommitIndex(FollowerInfo follower, long commitIndex) {
      leader.onFollowerCommitIndex(follower, commitIndex);
    }

    @Override
    public void onFollowerSuccessAppendEntries(FollowerInfo follower) {
      leader.onFollowerSuccessAppendEntries(follower);
    }

    @Override
    public boolean isFollowerBootstrapping(FollowerInfo follower) {
      return leader.isFollowerBootstrapping(follower);
    }
  }
}
