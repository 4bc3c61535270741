package io.statekv.node.http.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.raft.ClusterView;
import io.statekv.raft.Member;
import io.statekv.node.dispatch.Dispatcher;
import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.ClusterStatus;
import io.statekv.protocol.v1.ClusterStatusRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * {@code GET /v1/cluster}, {@code /healthz} and {@code /readyz}: what this node knows of its
 * group. Thread-safe; each call reads one fresh {@link ClusterView}.
 */
final class ClusterEndpoints {
  /**
   * A node is ready while it trails the commit index by at most this many log entries: close
   * enough that a serializable read there is barely stale, and a linearizable one waits little.
   */
  static final long READY_APPLY_LAG_MAX = 1_000;

  /** The query parameter of {@code GET /v1/cluster} that asks for the state hash. */
  static final String STATE_HASH_PARAMETER = "state_hash";

  private final String nodeId;
  private final Supplier<ClusterView> cluster;
  private final Dispatcher dispatcher;
  private final AtomicLong requestIds = new AtomicLong();

  ClusterEndpoints(String nodeId, Supplier<ClusterView> cluster, Dispatcher dispatcher) {
    this.nodeId = nodeId;
    this.cluster = cluster;
    this.dispatcher = dispatcher;
  }

  /**
   * {@code GET /v1/cluster[?state_hash=true]}: the view, plus, when asked, the state hash and the
   * applied index it was taken at. The hash goes through the dispatcher, which computes it off the
   * event loop.
   */
  CompletableFuture<HttpReply> cluster(Map<String, List<String>> query) {
    List<String> asked = query.getOrDefault(STATE_HASH_PARAMETER, List.of());
    if (asked.isEmpty() || asked.equals(List.of("false"))) {
      return CompletableFuture.completedFuture(cluster());
    }
    if (!asked.equals(List.of("true"))) {
      return CompletableFuture.completedFuture(HttpErrors.reply(ErrorCode.INVALID_ARGUMENT,
          STATE_HASH_PARAMETER + " must be true or false, once; got " + asked));
    }
    ClientMessage request = ClientMessage.newBuilder().setRequestId(requestIds.incrementAndGet())
        .setClusterStatus(ClusterStatusRequest.newBuilder().setStateHash(true)).build();
    return dispatcher.dispatch(null, request).handle((answer, failure) -> {
      if (failure != null) {
        return HttpErrors.reply(ErrorCode.INTERNAL, "internal error: " + failure);
      }
      if (answer.hasError()) {
        return HttpErrors.reply(answer.getError(), "", false);
      }
      ClusterStatus status = answer.getClusterStatus();
      ClusterView v;
      try {
        v = cluster.get();
      } catch (RuntimeException e) {
        return HttpErrors.reply(ErrorCode.UNAVAILABLE, "the replica is not running: " + e.getMessage());
      }
      return HttpReply.ok(viewJson(v)
          .put("state_hash", status.getStateHash())
          .put("state_hash_applied_index", status.getStateHashAppliedIndex()));
    });
  }

  /** The process is up and its HTTP server answers. */
  HttpReply health() {
    ObjectNode out = JsonNodeFactory.instance.objectNode().put("status", "ok").put("node_id", nodeId);
    return HttpReply.ok(out);
  }

  HttpReply cluster() {
    ClusterView v;
    try {
      v = cluster.get();
    } catch (RuntimeException e) {
      return HttpErrors.reply(ErrorCode.UNAVAILABLE, "the replica is not running: " + e.getMessage());
    }
    return HttpReply.ok(viewJson(v));
  }

  private static ObjectNode viewJson(ClusterView v) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("node_id", v.nodeId());
    out.put("leader_id", v.leaderId() == null || v.leaderId().isEmpty() ? null : v.leaderId());
    out.put("term", v.term());
    out.put("commit_index", v.commitIndex());
    out.put("applied_index", v.appliedIndex());
    out.put("leader_ready", v.leaderReady());
    ArrayNode members = out.putArray("members");
    for (Member m : v.members()) {
      members.addObject()
          .put("id", m.id())
          .put("raft_address", m.raftAddress())
          .put("client_address", m.clientAddress())
          .put("http_address", m.httpAddress())
          .put("leader", m.id().equals(v.leaderId()));
    }
    return out;
  }

  /**
   * 200 with a known leader (that, when it is this node, has committed an entry of its term, so it
   * can serve) and the applied index within {@link #READY_APPLY_LAG_MAX}; else 503.
   */
  HttpReply ready() {
    ClusterView v;
    try {
      v = cluster.get();
    } catch (RuntimeException e) {
      return notReady("the replica is not running: " + e.getMessage(), null);
    }
    if (v.leaderId() == null || v.leaderId().isEmpty()) {
      return notReady("no leader is known", v);
    }
    if (v.leaderId().equals(v.nodeId()) && !v.leaderReady()) {
      return notReady("this node was just elected leader and has not yet committed an entry of its term", v);
    }
    long lag = v.commitIndex() - v.appliedIndex();
    if (lag > READY_APPLY_LAG_MAX) {
      return notReady("applied index " + v.appliedIndex() + " trails commit index " + v.commitIndex()
          + " by " + lag + " entries (at most " + READY_APPLY_LAG_MAX + ")", v);
    }
    return HttpReply.ok(readiness(true, null, v));
  }

  private HttpReply notReady(String reason, ClusterView v) {
    return HttpReply.json(503, readiness(false, reason, v), "not_ready");
  }

  private ObjectNode readiness(boolean ready, String reason, ClusterView v) {
    ObjectNode out = JsonNodeFactory.instance.objectNode().put("ready", ready).put("node_id", nodeId);
    if (reason != null) {
      out.put("reason", reason);
    }
    if (v != null) {
      out.put("leader_id", v.leaderId() == null || v.leaderId().isEmpty() ? null : v.leaderId());
      out.put("commit_index", v.commitIndex());
      out.put("applied_index", v.appliedIndex());
    }
    return out;
  }
}
