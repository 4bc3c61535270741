package io.statekv.node.http.internal;

import io.statekv.protocol.v1.Error;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.raft.ClusterView;
import io.statekv.raft.Member;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Sends a request that reached a follower on to the leader's HTTP server, once, and relays its
 * answer, so that an HTTP client may talk to any node. A request that was already forwarded is
 * never forwarded again: it is answered {@code 421 not_leader} with the leader's address instead,
 * which bounds forwarding to one hop while leadership moves. Thread-safe.
 */
final class LeaderForwarder {
  /** Marks a forwarded request, and names the node that forwarded it. */
  static final String FORWARDED_BY_HEADER = "X-Statekv-Forwarded-By";
  /** Names the node that served a forwarded request. */
  static final String SERVED_BY_HEADER = "X-Statekv-Served-By";
  static final String OUTCOME_FORWARDED = "forwarded";
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  private final String nodeId;
  private final Supplier<ClusterView> cluster;
  private final HttpClient client;
  private final Duration timeout;

  /**
   * @param timeout how long the leader may take to answer; a little above the request timeout, so
   *     that the leader's own timeout answer arrives first
   */
  LeaderForwarder(String nodeId, Supplier<ClusterView> cluster, Duration timeout) {
    this.nodeId = nodeId;
    this.cluster = cluster;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  CompletableFuture<HttpReply> forwardOrRefuse(StateOp op, byte[] body, boolean forwarded, Error notLeader) {
    String leaderId = notLeader.getLeaderId().isEmpty() ? cluster.get().leaderId() : notLeader.getLeaderId();
    if (leaderId == null || leaderId.isEmpty() || leaderId.equals(nodeId)) {
      return done(HttpErrors.reply(ErrorCode.UNAVAILABLE,
          "no leader is known at the moment (an election is under way); the request was not applied, retry shortly"));
    }
    Member leader = cluster.get().members().stream().filter(m -> m.id().equals(leaderId)).findFirst().orElse(null);
    String leaderHttp = leader == null ? "" : leader.httpAddress();
    Error hinted = notLeader.toBuilder().setLeaderId(leaderId).build();
    if (forwarded || leader == null) {
      return done(HttpErrors.reply(hinted, leaderHttp, false));
    }
    return forward(op, body, leader);
  }

  private CompletableFuture<HttpReply> forward(StateOp op, byte[] body, Member leader) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + leader.httpAddress() + StateOp.PATH_PREFIX + op.opName()))
        .timeout(timeout)
        .header("Content-Type", HttpReply.JSON)
        .header(FORWARDED_BY_HEADER, nodeId)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(r -> new HttpReply(r.statusCode(),
            r.headers().firstValue("Content-Type").orElse(HttpReply.JSON), r.body(),
            Map.of(SERVED_BY_HEADER, leader.id()), OUTCOME_FORWARDED))
        .exceptionally(failure -> unreachable(leader, failure));
  }

  /**
   * A leader that could not be connected to certainly did not apply the request; one that
   * failed or went quiet after the request was sent may have.
   */
  private static HttpReply unreachable(Member leader, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
      return HttpErrors.reply(ErrorCode.UNAVAILABLE, "the leader " + leader.id() + " at " + leader.httpAddress()
          + " could not be reached (" + cause.getMessage() + "); the request was not applied");
    }
    return HttpErrors.reply(ErrorCode.TIMEOUT, "the leader " + leader.id() + " at " + leader.httpAddress()
        + " did not answer (" + cause + "); the outcome is unknown");
  }

  private static CompletableFuture<HttpReply> done(HttpReply reply) {
    return CompletableFuture.completedFuture(reply);
  }
}
