package io.statekv.node.wire;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.statekv.node.dispatch.Dispatcher;
import io.statekv.node.watch.WatchService;
import io.statekv.node.wire.internal.ClientMessageDecoder;
import io.statekv.node.wire.internal.ConnectionHandler;
import io.statekv.node.wire.internal.FrameDecoder;
import io.statekv.node.wire.internal.NodeMessageEncoder;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client protocol server: length-prefixed protobuf frames over TCP (see {@code kv.proto} and
 * docs/protocol.md), one {@link ConnectionHandler} per connection, every request handed to the
 * {@link Dispatcher}.
 *
 * <p>Thread-safe. {@link #close()} is graceful: it stops accepting, lets each connection finish
 * the requests it has in flight (up to the shutdown grace), then closes everything.
 */
public final class ProtocolServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProtocolServer.class);

  private final ProtocolServerConfig config;
  private final EventLoopGroup bossGroup;
  private final EventLoopGroup workerGroup;
  private final ChannelGroup connections = new DefaultChannelGroup("statekv-clients", GlobalEventExecutor.INSTANCE);
  private final Channel serverChannel;

  private ProtocolServer(ProtocolServerConfig config, Dispatcher dispatcher, WatchService watches) throws InterruptedException {
    this.config = config;
    this.bossGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    this.workerGroup = new MultiThreadIoEventLoopGroup(config.ioThreads(), NioIoHandler.newFactory());
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(bossGroup, workerGroup)
        .channel(NioServerSocketChannel.class)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel channel) {
            connections.add(channel);
            channel.pipeline()
                .addLast(new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true))
                .addLast(new IdleStateHandler(0, 0, config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast(new FrameDecoder(config.frameBytesMax()))
                .addLast(new ClientMessageDecoder())
                .addLast(new NodeMessageEncoder())
                .addLast(new ConnectionHandler(dispatcher, watches, config.inFlightHighWater(), config.inFlightLowWater()));
          }
        });
    try {
      this.serverChannel = bootstrap.bind(config.host(), config.port()).sync().channel();
    } catch (RuntimeException | InterruptedException e) {
      bossGroup.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      workerGroup.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw e;
    }
    LOG.info("client protocol listening on {}", serverChannel.localAddress());
  }

  /**
   * Binds and starts serving.
   *
   * @throws InterruptedException if interrupted while binding
   * @throws RuntimeException (a {@code java.net.BindException} in Netty's wrapping) if the address
   *     cannot be bound
   */
  public static ProtocolServer start(ProtocolServerConfig config, Dispatcher dispatcher) throws InterruptedException {
    return new ProtocolServer(config, dispatcher, null);
  }

  /**
   * Binds and starts serving, with watches and subscription consume streams served by {@code
   * watches}.
   *
   * @throws InterruptedException if interrupted while binding
   */
  public static ProtocolServer start(ProtocolServerConfig config, Dispatcher dispatcher, WatchService watches)
      throws InterruptedException {
    return new ProtocolServer(config, dispatcher, watches);
  }

  /** The bound address; with port 0, the port that was picked. */
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) serverChannel.localAddress();
  }

  /** Client connections open now. */
  public int connectionCount() {
    return connections.size();
  }

  /** Stops accepting, drains the connections within the shutdown grace, and releases the threads. */
  @Override
  public void close() {
    long graceMillis = config.shutdownGrace().toMillis();
    serverChannel.close().awaitUninterruptibly();
    for (Channel connection : connections) {
      connection.pipeline().fireUserEventTriggered(ConnectionHandler.DRAIN);
    }
    if (!connections.newCloseFuture().awaitUninterruptibly(graceMillis)) {
      LOG.warn("{} client connections still busy after {} ms; closing them", connections.size(), graceMillis);
    }
    connections.close().awaitUninterruptibly();
    bossGroup.shutdownGracefully(0, graceMillis, TimeUnit.MILLISECONDS).awaitUninterruptibly();
    workerGroup.shutdownGracefully(0, graceMillis, TimeUnit.MILLISECONDS).awaitUninterruptibly();
  }
}
