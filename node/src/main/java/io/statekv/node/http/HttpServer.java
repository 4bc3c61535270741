package io.statekv.node.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.statekv.node.dispatch.Dispatcher;
import io.statekv.node.http.internal.HttpPipeline;
import io.statekv.node.watch.WatchService;
import io.statekv.raft.ClusterView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The node's HTTP server: the JSON gateway ({@code POST /v1/state/*}), {@code GET /v1/cluster},
 * {@code /healthz}, {@code /readyz} and {@code /metrics}. See docs/api.md.
 *
 * <p>Requests on one connection are answered in order; bodies are bounded by request_bytes_max;
 * bad input gets a JSON error and never takes the server down. Thread-safe; {@link #close} is
 * idempotent.
 */
public final class HttpServer implements AutoCloseable {
  /** Event loop threads: HTTP is the side door, the protobuf server carries the load. */
  public static final int EVENT_LOOP_THREADS = 2;
  private static final Duration CLOSE_QUIET_PERIOD = Duration.ofMillis(100);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final EventLoopGroup group;
  private final Channel channel;

  private HttpServer(EventLoopGroup group, Channel channel) {
    this.group = group;
    this.channel = channel;
  }

  /**
   * Binds and starts serving.
   *
   * @param nodeId this node's id, named in health answers and forwarded requests
   * @param listen the address to bind; port 0 picks a free port (see {@link #boundAddress})
   * @param requestBytesMax the largest body accepted
   * @param forwardTimeout how long a request forwarded to the leader may take
   * @param dispatcher where state requests go
   * @param watches serves the Server-Sent Events of {@code GET /v1/watch}; null when the node
   *     serves no watches
   * @param cluster this node's view of its group, read fresh for every cluster or health request
   * @param registry the registry {@code /metrics} scrapes, and where request metrics are recorded
   * @throws UncheckedIOException when the address cannot be bound
   */
  public static HttpServer start(String nodeId, InetSocketAddress listen, int requestBytesMax, Duration forwardTimeout,
      Dispatcher dispatcher, WatchService watches, Supplier<ClusterView> cluster, PrometheusMeterRegistry registry) {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(
        EVENT_LOOP_THREADS, new DefaultThreadFactory("statekv-http"), NioIoHandler.newFactory());
    try {
      Channel channel = new ServerBootstrap()
          .group(group)
          .channel(NioServerSocketChannel.class)
          .option(ChannelOption.SO_REUSEADDR, true)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new HttpPipeline(nodeId, requestBytesMax, forwardTimeout, dispatcher, watches, cluster, registry))
          .bind(listen)
          .syncUninterruptibly()
          .channel();
      return new HttpServer(group, channel);
    } catch (Exception e) { // Netty rethrows the checked BindException without declaring it
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      IOException cause = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
      throw new UncheckedIOException("cannot bind the HTTP server to " + listen + ": " + e.getMessage(), cause);
    }
  }

  /** The bound address, with the real port when 0 was asked for. */
  public InetSocketAddress boundAddress() {
    return (InetSocketAddress) channel.localAddress();
  }

  /** Stops accepting, closes connections and stops the event loops; waits up to a few seconds. */
  @Override
  public void close() {
    channel.close().awaitUninterruptibly(CLOSE_TIMEOUT.toMillis());
    group.shutdownGracefully(CLOSE_QUIET_PERIOD.toMillis(), CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .awaitUninterruptibly(CLOSE_TIMEOUT.toMillis() * 2);
  }
}
