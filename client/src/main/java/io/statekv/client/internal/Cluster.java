package io.statekv.client.internal;

import io.netty.bootstrap.Bootstrap;
import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.ClusterStatus;
import io.statekv.protocol.v1.ClusterStatusRequest;
import io.statekv.protocol.v1.Hello;
import io.statekv.protocol.v1.Member;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the client knows of the cluster, and its connections: one per node, opened on demand and
 * reopened after a failure no sooner than a backoff allows.
 *
 * <p>The view (members, leader, term) is learned from every Hello answer and cluster status, and
 * from leader hints. A view of an older term never replaces a newer one, so a lagging node cannot
 * send the client back to a deposed leader. Thread-safe.
 */
final class Cluster {
  private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);

  /** The client's view: member id to client address, the leader when known, and the term it was learned in. */
  private record View(Map<String, HostPort> members, String leaderId, HostPort leader, long term) {}

  /** The state of the connection to one address. */
  private static final class Link {
    CompletableFuture<NodeConnection> current;
    int failures;
    long retryAtNanos;
  }

  private final ClientOptions options;
  private final Bootstrap bootstrap;
  private final Hello hello;
  private final Map<HostPort, Link> links = new ConcurrentHashMap<>();
  private final AtomicInteger roundRobin = new AtomicInteger();
  private volatile View view = new View(Map.of(), "", null, 0);
  private volatile boolean closed;

  Cluster(ClientOptions options, Bootstrap bootstrap, Hello hello) {
    this.options = options;
    this.bootstrap = bootstrap;
    this.hello = hello;
  }

  /**
   * The connection to {@code address}, opening it if needed. Fails at once with a {@link
   * ConnectionFailure} (not sent) while the address is in its reconnect backoff.
   */
  CompletableFuture<NodeConnection> connection(HostPort address) {
    if (closed) {
      return CompletableFuture.failedFuture(new ConnectionFailure(false, "the client is closed", null));
    }
    Link link = links.computeIfAbsent(address, a -> new Link());
    synchronized (link) {
      CompletableFuture<NodeConnection> current = link.current;
      if (current != null && (!current.isDone() || usable(current))) {
        return current;
      }
      long now = System.nanoTime();
      if (now < link.retryAtNanos) {
        return CompletableFuture.failedFuture(new ConnectionFailure(false, "waiting to reconnect to " + address, null));
      }
      // Users of the connection see it only after its Hello has taught the client the view.
      CompletableFuture<NodeConnection> next = NodeConnection.open(
              bootstrap, address, hello, options.connectTimeout(), ClientOptions.RESPONSE_BYTES_MAX)
          .whenComplete((connection, failure) -> opened(link, address, connection, failure));
      link.current = next;
      return next;
    }
  }

  private static boolean usable(CompletableFuture<NodeConnection> current) {
    return !current.isCompletedExceptionally() && current.join().isActive();
  }

  private void opened(Link link, HostPort address, NodeConnection connection, Throwable failure) {
    synchronized (link) {
      if (failure != null) {
        link.failures++;
        link.retryAtNanos = System.nanoTime() + Backoff.delayMillis(link.failures) * 1_000_000;
        LOG.debug("connecting to {} failed ({} in a row): {}", address, link.failures, failure.toString());
        return;
      }
      link.failures = 0;
    }
    learn(connection.hello().getCluster());
    if (closed) {
      connection.close();
    }
  }

  /** Learns from a node's view of the cluster, unless it is older than what the client knows. */
  synchronized void learn(ClusterStatus status) {
    View known = view;
    if (status.getTerm() < known.term()) {
      return;
    }
    Map<String, HostPort> members = new LinkedHashMap<>();
    for (Member member : status.getMembersList()) {
      try {
        members.put(member.getId(), HostPort.parse(member.getClientAddress()));
      } catch (IllegalArgumentException e) {
        LOG.debug("member {} has no usable client address: {}", member.getId(), e.getMessage());
      }
    }
    if (members.isEmpty()) {
      members = known.members();
    }
    String leaderId = status.getLeaderId();
    HostPort leader = members.get(leaderId);
    if (leaderId.isEmpty() && status.getTerm() == known.term()) {
      leaderId = known.leaderId();
      leader = known.leader();
    }
    view = new View(Map.copyOf(members), leaderId, leader, status.getTerm());
  }

  /** A node named the leader (a NOT_LEADER answer). */
  synchronized void leaderHint(String leaderId, String leaderAddress) {
    View known = view;
    HostPort leader;
    try {
      leader = HostPort.parse(leaderAddress);
    } catch (IllegalArgumentException e) {
      leader = known.members().get(leaderId);
    }
    view = new View(known.members(), leaderId, leader, known.term());
  }

  /** The leader at {@code address} failed or refused: forget it until a node names a leader again. */
  synchronized void leaderLost(HostPort address) {
    View known = view;
    if (address.equals(known.leader())) {
      view = new View(known.members(), "", null, known.term());
    }
  }

  /** The leader's address, or null when unknown. */
  HostPort leader() {
    return view.leader();
  }

  /**
   * Some node to try, in turn over the known members and the configured endpoints, preferring one
   * other than {@code avoid} and not waiting to reconnect.
   */
  HostPort anyNode(HostPort avoid) {
    List<HostPort> candidates = candidates();
    int start = Math.floorMod(roundRobin.getAndIncrement(), candidates.size());
    HostPort ready = null;
    for (int i = 0; i < candidates.size(); i++) {
      HostPort candidate = candidates.get((start + i) % candidates.size());
      if (!waitingToReconnect(candidate)) {
        if (!candidate.equals(avoid)) {
          return candidate;
        }
        ready = candidate;
      }
    }
    // Every other node is waiting to reconnect: the caller fails fast on it and backs off.
    return ready != null ? ready : candidates.get(start);
  }

  /**
   * Some node outside {@code avoid}, in turn, preferring one not waiting to reconnect; null when
   * every known node is in {@code avoid}.
   */
  HostPort anyNodeExcept(java.util.Set<HostPort> avoid) {
    List<HostPort> candidates = candidates();
    candidates.removeAll(avoid);
    if (candidates.isEmpty()) {
      return null;
    }
    int start = Math.floorMod(roundRobin.getAndIncrement(), candidates.size());
    for (int i = 0; i < candidates.size(); i++) {
      HostPort candidate = candidates.get((start + i) % candidates.size());
      if (!waitingToReconnect(candidate)) {
        return candidate;
      }
    }
    return candidates.get(start);
  }

  private boolean waitingToReconnect(HostPort address) {
    Link link = links.get(address);
    if (link == null) {
      return false;
    }
    synchronized (link) {
      return link.failures > 0 && link.retryAtNanos > System.nanoTime();
    }
  }

  private List<HostPort> candidates() {
    LinkedHashSet<HostPort> all = new LinkedHashSet<>(view.members().values());
    all.addAll(options.endpoints());
    return new ArrayList<>(all);
  }

  /** Asks an open connection for the cluster status and learns from it, in the background. */
  void refresh() {
    for (Link link : links.values()) {
      CompletableFuture<NodeConnection> current;
      synchronized (link) {
        current = link.current;
      }
      if (current != null && current.isDone() && usable(current)) {
        current.join()
            .send(ClientMessage.newBuilder().setClusterStatus(ClusterStatusRequest.getDefaultInstance()))
            .thenAccept(answer -> {
              if (answer.hasClusterStatus()) {
                learn(answer.getClusterStatus());
              }
            });
        return;
      }
    }
  }

  void close() {
    closed = true;
    for (Link link : links.values()) {
      synchronized (link) {
        if (link.current != null) {
          link.current.thenAccept(NodeConnection::close);
        }
      }
    }
  }
}
