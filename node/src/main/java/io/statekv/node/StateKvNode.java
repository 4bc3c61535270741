package io.statekv.node;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.statekv.node.config.NodeConfig;
import io.statekv.node.dispatch.DispatcherConfig;
import io.statekv.node.dispatch.ReplicaDispatcher;
import io.statekv.node.http.HttpServer;
import io.statekv.node.watch.WatchConfig;
import io.statekv.node.watch.WatchService;
import io.statekv.node.wire.ProtocolServer;
import io.statekv.node.wire.ProtocolServerConfig;
import io.statekv.raft.Replica;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running statekv node: the replica (Raft and the store), the watch service, the dispatcher,
 * the client protocol server and the HTTP server, with one metrics registry.
 *
 * <p>Start order: the HTTP server first (so that {@code /healthz} answers while the replica
 * recovers its log, and {@code /readyz} says why it is not ready yet), then the replica, then the
 * client protocol server. {@link #close} stops them in reverse: no new requests, then drain, then
 * Raft and the store (which releases the data dir lock). Thread-safe; {@link #close} is idempotent.
 */
public final class StateKvNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StateKvNode.class);

  /** A request forwarded to the leader may take the request timeout plus this, so the leader's own answer wins. */
  static final Duration FORWARD_TIMEOUT_MARGIN = Duration.ofSeconds(2);

  private final NodeConfig config;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private Replica replica;
  private volatile String stoppedBecause;
  private HttpServer http;
  private ProtocolServer protocol;
  private boolean closing;

  private StateKvNode(NodeConfig config) {
    this.config = config;
  }

  /**
   * Starts a node and returns once it serves.
   *
   * @throws IllegalStateException when the config enables security, which this version does not
   *     enforce
   * @throws RuntimeException when a part fails to start (a port is taken, the data dir is locked);
   *     whatever had started is stopped again
   */
  public static StateKvNode start(NodeConfig config) throws InterruptedException {
    if (config.security().anyEnabled()) {
      throw new IllegalStateException("security.tls and security.tokens are parsed but not enforced in this version;"
          + " the node refuses to start rather than run unprotected. Remove them from the config.");
    }
    StateKvNode node = new StateKvNode(config);
    try {
      node.startParts();
    } catch (RuntimeException | InterruptedException e) {
      node.close();
      throw e;
    }
    return node;
  }

  private void startParts() throws InterruptedException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    started.push(registry::close);
    bindProcessMetrics(registry);
    replica = Replica.create(config.toReplicaConfig(), registry);
    started.push(replica);
    // The watch service registers its apply listener before the replica starts, so that its
    // history sees every entry the replica applies, including the replay of the local log.
    WatchService watches = new WatchService(replica, WatchConfig.DEFAULTS
        .withHistoryEventsMax(config.watchHistoryEventsMax()).withBatchInterval(config.watchBatchInterval()),
        config.nodeId());
    watches.bindMetrics(registry);
    watches.start();
    started.push(watches);
    ReplicaDispatcher dispatcher = new ReplicaDispatcher(replica, dispatcherConfig(config), watches);
    started.push(dispatcher);
    var listen = config.listen();
    http = HttpServer.start(config.nodeId(), new InetSocketAddress(listen.http().host(), listen.http().port()),
        config.requestBytesMax(), config.requestTimeout().plus(FORWARD_TIMEOUT_MARGIN), dispatcher, watches,
        replica::cluster, registry);
    started.push(http);
    LOG.info("node {} HTTP on {} (JSON gateway, /v1/cluster, /healthz, /readyz, /metrics)", config.nodeId(), http.boundAddress());
    LOG.info("node {} starting its replica: Raft on {}, data in {}", config.nodeId(), config.advertise().raft(), config.dataDir());
    replica.start();
    replica.shutDownByRaft().thenAccept(this::stopAfterRaftShutDown);
    protocol = ProtocolServer.start(protocolConfig(config), dispatcher, watches);
    started.push(protocol);
    LOG.info("node {} serving: client protocol on {}, advertised as {}", config.nodeId(),
        protocol.localAddress(), config.advertise().client());
  }

  private void bindProcessMetrics(PrometheusMeterRegistry registry) {
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    started.push(gc);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
  }

  static DispatcherConfig dispatcherConfig(NodeConfig c) {
    Duration timeoutMax = c.requestTimeout().compareTo(DispatcherConfig.REQUEST_TIMEOUT_MAX_DEFAULT) > 0
        ? c.requestTimeout() : DispatcherConfig.REQUEST_TIMEOUT_MAX_DEFAULT;
    return new DispatcherConfig(c.requestBytesMax(), c.requestTimeout(), timeoutMax, c.listPageSizeDefault(),
        DispatcherConfig.LIST_PAGE_BYTES_MAX_DEFAULT, DispatcherConfig.DEFAULTS.readThreads(),
        DispatcherConfig.READ_QUEUE_MAX_DEFAULT);
  }

  static ProtocolServerConfig protocolConfig(NodeConfig c) {
    ProtocolServerConfig d = ProtocolServerConfig.defaults(c.listen().client().host(), c.listen().client().port());
    return new ProtocolServerConfig(d.host(), d.port(), c.requestBytesMax() + ProtocolServerConfig.ENVELOPE_BYTES_MARGIN,
        d.inFlightHighWater(), d.inFlightLowWater(), d.idleTimeout(), d.shutdownGrace(), d.ioThreads());
  }

  /** The config this node runs with. */
  public NodeConfig config() {
    return config;
  }

  /** The replica, for in-process tools and tests. */
  public Replica replica() {
    return replica;
  }

  /** Where the HTTP server listens. */
  public InetSocketAddress httpAddress() {
    return http.boundAddress();
  }

  /** Where the client protocol server listens. */
  public InetSocketAddress clientAddress() {
    return protocol.localAddress();
  }

  /**
   * A replica that Raft closed by itself (the node was removed from the group) serves nothing
   * again, yet would keep the process answering health checks: stop the whole node instead, as
   * etcd does, so that its supervisor sees it and a restart lets the group add it back.
   */
  private void stopAfterRaftShutDown(String reason) {
    stoppedBecause = reason;
    LOG.error("node {} stopping: {}", config.nodeId(), reason);
    Thread stopper = new Thread(this::close, "statekv-stop-after-raft-shutdown");
    stopper.setDaemon(false);
    stopper.start();
  }

  /** Why the node stopped by itself (Raft closed its replica), or empty if it was asked to. */
  public java.util.Optional<String> stoppedBecause() {
    return java.util.Optional.ofNullable(stoppedBecause);
  }

  /** Blocks until {@link #close} has finished. */
  public void awaitClosed() throws InterruptedException {
    closed.await();
  }

  /** Stops every part in reverse start order; a failing part does not keep the others running. */
  @Override
  public void close() {
    synchronized (this) {
      if (closing) {
        return;
      }
      closing = true;
    }
    LOG.info("node {} stopping", config.nodeId());
    while (!started.isEmpty()) {
      AutoCloseable part = started.pop();
      try {
        part.close();
      } catch (Exception e) {
        LOG.warn("node {}: stopping {} failed", config.nodeId(), part, e);
      }
    }
    LOG.info("node {} stopped", config.nodeId());
    closed.countDown();
  }
}
