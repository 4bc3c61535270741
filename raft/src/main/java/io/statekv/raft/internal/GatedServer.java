package io.statekv.raft.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.apache.ratis.proto.RaftProtos.AppendEntriesRequestProto;
import org.apache.ratis.proto.RaftProtos.RaftRpcReplyProto;
import org.apache.ratis.proto.RaftProtos.RaftRpcRequestProto;
import org.apache.ratis.proto.RaftProtos.RequestVoteReplyProto;
import org.apache.ratis.proto.RaftProtos.RequestVoteRequestProto;
import org.apache.ratis.server.RaftServer;

/**
 * The server the Raft transport hands incoming peer requests to: Ratis' own, seen through a
 * {@link RecoveryGate}. While the gate is closed a vote request (pre-vote or vote) is answered
 * "not granted" without reaching Ratis, and every AppendEntries tells the gate the leader's term
 * and commit index. Everything else passes through unchanged.
 */
final class GatedServer {
  private GatedServer() {}

  static RaftServer wrap(RaftServer server, RecoveryGate gate) {
    return (RaftServer) Proxy.newProxyInstance(RaftServer.class.getClassLoader(), new Class<?>[] {RaftServer.class},
        (proxy, method, args) -> {
          if (isVote(method, args) && gate.isClosed()) {
            gate.refusedVote();
            return refusal((RequestVoteRequestProto) args[0]);
          }
          if (args != null && args.length == 1 && args[0] instanceof AppendEntriesRequestProto r) {
            gate.leaderContact(r.getLeaderTerm(), r.getLeaderCommit());
          }
          try {
            return method.invoke(server, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private static boolean isVote(Method method, Object[] args) {
    return method.getName().equals("requestVote") && args != null && args.length == 1
        && args[0] instanceof RequestVoteRequestProto;
  }

  /** "Not granted", at the candidate's term, so that the candidate neither steps down nor counts it. */
  static RequestVoteReplyProto refusal(RequestVoteRequestProto request) {
    RaftRpcRequestProto r = request.getServerRequest();
    return RequestVoteReplyProto.newBuilder()
        .setServerReply(RaftRpcReplyProto.newBuilder()
            .setRequestorId(r.getRequestorId())
            .setReplyId(r.getReplyId())
            .setRaftGroupId(r.getRaftGroupId())
            .setCallId(r.getCallId())
            .setSuccess(false))
        .setTerm(request.getCandidateTerm())
        .setShouldShutdown(false)
        .build();
  }
}
