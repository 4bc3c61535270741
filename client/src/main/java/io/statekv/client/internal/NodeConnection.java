package io.statekv.client.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.statekv.client.WatchEvent;
import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.Hello;
import io.statekv.protocol.v1.HelloResponse;
import io.statekv.protocol.v1.NodeMessage;
import io.statekv.protocol.v1.WatchResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to one node, after its handshake. Requests are pipelined: each gets a fresh
 * request id and a pending future, and answers complete them in whatever order they come. When the
 * connection breaks, every pending request fails with a {@link ConnectionFailure} marked as sent.
 *
 * <p><b>Streams.</b> A request that opens a stream (a watch or a consume stream) registers a
 * {@link StreamHandler} under its request id: every message with that id goes to the handler, in
 * the order the node sent them, on the connection's event loop, until the stream is closed. When
 * the connection breaks, every open stream hears {@link StreamHandler#onLost}.
 *
 * <p>Thread-safe.
 */
final class NodeConnection {
  private static final Logger LOG = LoggerFactory.getLogger(NodeConnection.class);

  private final HostPort address;
  private final Map<Long, CompletableFuture<NodeMessage>> pending = new ConcurrentHashMap<>();
  private final Map<Long, StreamHandler> streams = new ConcurrentHashMap<>();

  /** Receives the messages of one stream. Called on the connection's event loop; must not block for long. */
  interface StreamHandler {
    void onMessage(NodeMessage message);

    /** The connection broke; the stream is gone. */
    void onLost();
  }
  private final AtomicLong nextRequestId = new AtomicLong(1);
  /** The last shared watch response decoded, so that it is decoded once for all the streams it is for. */
  private volatile DecodedWatch lastShared;
  private volatile Channel channel;
  private volatile HelloResponse hello;

  private record DecodedWatch(WatchResponse response, List<List<WatchEvent>> byRevision) {}

  /**
   * The events of a watch response in groups of one revision each, in order (immutable lists). A
   * response shared by several streams ({@code also_request_ids}) is decoded once: its streams
   * hear it one after the other, on the event loop.
   */
  List<List<WatchEvent>> watchEvents(WatchResponse response) {
    DecodedWatch last = lastShared;
    if (last != null && last.response() == response) {
      return last.byRevision();
    }
    List<List<WatchEvent>> decoded = WatchMessages.byRevision(response.getEventsList());
    if (response.getAlsoRequestIdsCount() > 0) {
      lastShared = new DecodedWatch(response, decoded);
    }
    return decoded;
  }

  private NodeConnection(HostPort address) {
    this.address = address;
  }

  /**
   * Connects and says Hello. The future fails with a {@link ConnectionFailure} (not sent) when the
   * node cannot be reached within {@code timeout}, or with the node's error when it refuses the
   * Hello.
   */
  static CompletableFuture<NodeConnection> open(Bootstrap bootstrap, HostPort address, Hello hello, Duration timeout, int inboundFrameBytesMax) {
    NodeConnection connection = new NodeConnection(address);
    CompletableFuture<NodeConnection> opened = new CompletableFuture<>();
    ChannelFuture connect = bootstrap.clone()
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            ch.pipeline().addLast(new FlushConsolidationHandler(256, true));
            FrameCodec.install(ch.pipeline(), inboundFrameBytesMax);
            ch.pipeline().addLast(connection.new Inbound());
          }
        })
        .connect(address.host(), address.port());
    connect.channel().eventLoop().schedule(() -> {
      if (opened.completeExceptionally(new ConnectionFailure(false, "could not connect to " + address + " within " + timeout.toMillis() + " ms", null))) {
        connect.channel().close();
      }
    }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    connect.addListener(done -> {
      if (!done.isSuccess()) {
        opened.completeExceptionally(new ConnectionFailure(false, "could not connect to " + address + ": " + done.cause(), done.cause()));
        return;
      }
      connection.channel = connect.channel();
      connection.handshake(hello, opened);
    });
    return opened;
  }

  private void handshake(Hello hello, CompletableFuture<NodeConnection> opened) {
    send(ClientMessage.newBuilder().setHello(hello)).whenComplete((answer, failure) -> {
      if (failure != null) {
        opened.completeExceptionally(failure instanceof ConnectionFailure f
            ? new ConnectionFailure(false, f.getMessage(), f.getCause())
            : failure);
      } else if (answer.hasError()) {
        opened.completeExceptionally(Errors.of(answer.getError()));
      } else if (!answer.hasHello()) {
        opened.completeExceptionally(new ConnectionFailure(false, address + " did not answer the Hello", null));
      } else {
        this.hello = answer.getHello();
        if (opened.complete(this)) {
          return;
        }
      }
      close();
    });
  }

  HostPort address() {
    return address;
  }

  /** The node's answer to the Hello: its id and its view of the cluster. */
  HelloResponse hello() {
    return hello;
  }

  boolean isActive() {
    Channel ch = channel;
    return ch != null && ch.isActive();
  }

  /**
   * Sends a request with a fresh request id. The future completes with the node's answer, or fails
   * with a {@link ConnectionFailure}. Cancelling the future forgets the request (a late answer is
   * dropped).
   */
  CompletableFuture<NodeMessage> send(ClientMessage.Builder message) {
    long requestId = nextRequestId.getAndIncrement();
    CompletableFuture<NodeMessage> answer = new CompletableFuture<>();
    pending.put(requestId, answer);
    answer.whenComplete((m, t) -> pending.remove(requestId));
    Channel ch = channel;
    if (ch == null || !ch.isActive()) {
      answer.completeExceptionally(new ConnectionFailure(false, "the connection to " + address + " is closed", null));
      return answer;
    }
    ch.writeAndFlush(message.setRequestId(requestId).build()).addListener(written -> {
      if (!written.isSuccess()) {
        answer.completeExceptionally(new ConnectionFailure(true, "sending to " + address + " failed: " + written.cause(), written.cause()));
      }
    });
    return answer;
  }

  /** A fresh request id for {@link #openStream}, so the caller knows its stream's id before any message arrives. */
  long nextStreamId() {
    return nextRequestId.getAndIncrement();
  }

  /**
   * Sends a request that opens a stream under {@code requestId} (from {@link #nextStreamId}); its
   * messages go to {@code handler} until {@link #closeStream}. If the connection is closed or the
   * write fails, the handler hears {@link StreamHandler#onLost} (on some thread).
   */
  void openStream(long requestId, ClientMessage.Builder message, StreamHandler handler) {
    streams.put(requestId, handler);
    Channel ch = channel;
    if (ch == null || !ch.isActive()) {
      lose(requestId);
      return;
    }
    ch.writeAndFlush(message.setRequestId(requestId).build()).addListener(written -> {
      if (!written.isSuccess()) {
        lose(requestId);
      }
    });
  }

  /** Stops routing a stream's messages (after its last one, or when it is abandoned). */
  void closeStream(long requestId) {
    streams.remove(requestId);
  }

  private void lose(long requestId) {
    StreamHandler handler = streams.remove(requestId);
    if (handler != null) {
      handler.onLost();
    }
  }

  void close() {
    Channel ch = channel;
    if (ch != null) {
      ch.close();
    }
  }

  private final class Inbound extends SimpleChannelInboundHandler<NodeMessage> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, NodeMessage message) {
      if (message.getRequestId() == 0) {
        // A notice of the connection as a whole (idle, shutting down, refused frame); the node closes next.
        LOG.debug("{} says: {}", address, message.getError().getMessage());
        return;
      }
      CompletableFuture<NodeMessage> answer = pending.remove(message.getRequestId());
      if (answer != null) {
        answer.complete(message);
        return;
      }
      StreamHandler stream = streams.get(message.getRequestId());
      if (stream != null) {
        stream.onMessage(message);
      }
      if (message.hasWatch()) {
        WatchResponse watch = message.getWatch();
        for (int i = 0, n = watch.getAlsoRequestIdsCount(); i < n; i++) {
          StreamHandler also = streams.get(watch.getAlsoRequestIds(i));
          if (also != null) {
            also.onMessage(message);
          }
        }
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      ConnectionFailure lost = new ConnectionFailure(true, "the connection to " + address + " was lost", null);
      for (CompletableFuture<NodeMessage> answer : pending.values()) {
        answer.completeExceptionally(lost);
      }
      for (Long stream : List.copyOf(streams.keySet())) {
        lose(stream);
      }
      ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.debug("connection to {} failed", address, cause);
      ctx.close();
    }
  }
}
