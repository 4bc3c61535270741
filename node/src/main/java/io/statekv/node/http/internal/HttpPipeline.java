package io.statekv.node.http.internal;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.statekv.node.dispatch.Dispatcher;
import io.statekv.node.watch.WatchService;
import io.statekv.raft.ClusterView;
import java.time.Duration;
import java.util.function.Supplier;

/** Builds each connection's pipeline: HTTP codec, idle timeout, bounded body, then the router. */
public final class HttpPipeline extends ChannelInitializer<SocketChannel> {
  /** A connection idle this long is closed. */
  public static final int IDLE_SECONDS_MAX = 300;
  /** Request line and header bounds, Netty's defaults written out. */
  public static final int INITIAL_LINE_BYTES_MAX = 4096;
  public static final int HEADER_BYTES_MAX = 8192;

  private final int requestBytesMax;
  private final HttpMetrics metrics;
  private final HttpRoutes routes;
  private final WatchService watches;

  /**
   * @param forwardTimeout how long a forwarded request may wait for the leader
   * @param watches serves {@code GET /v1/watch}; null when the node serves no watches
   */
  public HttpPipeline(String nodeId, int requestBytesMax, Duration forwardTimeout, Dispatcher dispatcher,
      WatchService watches, Supplier<ClusterView> cluster, PrometheusMeterRegistry registry) {
    this.watches = watches;
    this.requestBytesMax = requestBytesMax;
    this.metrics = new HttpMetrics(registry);
    StateGateway gateway = new StateGateway(dispatcher, new LeaderForwarder(nodeId, cluster, forwardTimeout));
    this.routes = new HttpRoutes(gateway, new ClusterEndpoints(nodeId, cluster, dispatcher), registry);
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ch.pipeline()
        .addLast(new HttpServerCodec(INITIAL_LINE_BYTES_MAX, HEADER_BYTES_MAX, 8192))
        .addLast(new IdleStateHandler(0, 0, IDLE_SECONDS_MAX))
        .addLast(new BoundedBodyAggregator(requestBytesMax, metrics))
        .addLast(new HttpConnectionHandler(routes, metrics, watches));
  }
}
