package io.statekv.node.wire.internal;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.statekv.node.dispatch.Dispatcher;
import io.statekv.node.watch.WatchService;
import io.statekv.node.watch.WatchStreams;
import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.protocol.v1.NodeMessage;
import java.util.ArrayDeque;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: the handshake, then pipelined requests handed to the {@link Dispatcher}
 * and answered as they complete (possibly out of order).
 *
 * <p><b>Backpressure.</b> At most {@code highWater} requests of the connection are with the
 * dispatcher at once. Requests decoded beyond it wait here (at most what one socket read
 * delivered), and the server stops reading from the socket ({@code autoRead} off) until the count
 * falls to {@code lowWater} and the channel is writable again. A client that sends faster than it
 * is served is therefore slowed by TCP, not buffered without bound.
 *
 * <p><b>Errors.</b> A connection-level error (no Hello first, a bad Hello, an unreadable frame
 * whose request id is lost, an oversize frame) is answered with a final error frame and the
 * connection is closed. Request id 0 marks a frame not tied to a request. A malformed request whose
 * id is recovered gets {@code invalid_argument} and the connection stays open.
 *
 * <p><b>Watches.</b> Watch and subscription stream requests go to the connection's {@link
 * WatchStreams}; their messages are written by the node's fan-out thread with the opening
 * request's id. A stream opener counts as in flight only until its stream started or was refused.
 * When the connection closes, its watches end.
 *
 * <p>All state is confined to the channel's event loop: dispatcher completions hop back onto it.
 */
public final class ConnectionHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);

  /** The protocol version this node speaks. */
  public static final int PROTOCOL_VERSION = 1;

  /** The user event that starts a graceful close. */
  public static final Object DRAIN = new Object();

  private final Dispatcher dispatcher;
  private final WatchService watches;
  private WatchStreams streams;
  private final int highWater;
  private final int lowWater;
  private final Handshake handshake;
  private final ArrayDeque<ClientMessage> waiting = new ArrayDeque<>();
  private UUID clientId;
  private int inFlight;
  private boolean reading = true;
  private boolean draining;
  private boolean closing;

  public ConnectionHandler(Dispatcher dispatcher, int highWater, int lowWater) {
    this(dispatcher, null, highWater, lowWater);
  }

  /** @param watches serves the connection's watches; null when the node serves none */
  public ConnectionHandler(Dispatcher dispatcher, WatchService watches, int highWater, int lowWater) {
    this.dispatcher = dispatcher;
    this.watches = watches;
    this.highWater = highWater;
    this.lowWater = lowWater;
    this.handshake = new Handshake(dispatcher);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (watches != null) {
      streams = watches.open(new ChannelWatchSink(ctx.channel()));
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (streams != null) {
      streams.close();
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (closing) {
      return;
    }
    if (msg instanceof InboundFrame.Oversize oversize) {
      closeWith(ctx, oversize.requestId().orElse(0), ErrorCode.REQUEST_TOO_LARGE,
          "frame of " + oversize.length() + " bytes is longer than the node's limit of " + oversize.limit()
              + " bytes; closing the connection");
    } else if (msg instanceof InboundFrame.Malformed malformed) {
      onMalformed(ctx, malformed);
    } else if (msg instanceof InboundFrame.Request request) {
      onRequest(ctx, request.message());
    } else {
      throw new IllegalStateException("unexpected inbound object " + msg.getClass());
    }
  }

  private void onMalformed(ChannelHandlerContext ctx, InboundFrame.Malformed malformed) {
    String message = "malformed request: " + malformed.reason();
    if (clientId == null || malformed.requestId().isEmpty() || malformed.requestId().getAsLong() == 0) {
      closeWith(ctx, malformed.requestId().orElse(0), ErrorCode.INVALID_ARGUMENT, message + "; closing the connection");
    } else {
      ctx.writeAndFlush(error(malformed.requestId().getAsLong(), ErrorCode.INVALID_ARGUMENT, message));
    }
  }

  private void onRequest(ChannelHandlerContext ctx, ClientMessage message) {
    if (message.getRequestId() == 0) {
      // An answer with id 0 would read as a notice about the connection, so such a request cannot be answered.
      closeWith(ctx, 0, ErrorCode.INVALID_ARGUMENT, "request_id 0 is reserved; closing the connection");
      return;
    }
    if (draining) {
      ctx.writeAndFlush(error(message.getRequestId(), ErrorCode.UNAVAILABLE, "the node is shutting down"));
      return;
    }
    if (clientId == null) {
      if (!message.hasHello()) {
        closeWith(ctx, message.getRequestId(), ErrorCode.INVALID_ARGUMENT,
            "the first message of a connection must be Hello; closing the connection");
        return;
      }
      String problem = Handshake.check(message.getHello());
      if (problem != null) {
        closeWith(ctx, message.getRequestId(), ErrorCode.INVALID_ARGUMENT, problem + "; closing the connection");
        return;
      }
      clientId = Handshake.clientId(message.getHello());
    } else if (message.hasHello()) {
      ctx.writeAndFlush(error(message.getRequestId(), ErrorCode.INVALID_ARGUMENT,
          "Hello is only valid as the first message of a connection"));
      return;
    }
    if (inFlight >= highWater) {
      waiting.add(message);
      updateReading(ctx);
    } else {
      start(ctx, message);
    }
  }

  private void start(ChannelHandlerContext ctx, ClientMessage message) {
    inFlight++;
    long requestId = message.getRequestId();
    CompletableFuture<NodeMessage> response;
    try {
      response = message.hasHello() ? handshake.respond(clientId, message)
          : WatchStreams.handles(message.getBodyCase()) ? stream(message)
          : dispatcher.dispatch(clientId, message);
    } catch (RuntimeException e) {
      LOG.error("dispatcher threw instead of answering", e);
      response = CompletableFuture.completedFuture(
          error(requestId, ErrorCode.INTERNAL, "internal error: " + e.getClass().getSimpleName()));
    }
    // Always a new event-loop task, even for a future already complete: finishing may start a
    // waiting request, and doing that inline could recurse once per waiting request.
    response.whenComplete((answer, failure) -> {
      NodeMessage reply = failure == null ? answer : internal(requestId, failure);
      ctx.executor().execute(() -> finish(ctx, reply));
    });
    updateReading(ctx);
  }

  private CompletableFuture<NodeMessage> stream(ClientMessage message) {
    if (streams == null) {
      return CompletableFuture.completedFuture(
          error(message.getRequestId(), ErrorCode.INVALID_ARGUMENT, "this node serves no watches"));
    }
    return streams.handle(message);
  }

  private static NodeMessage internal(long requestId, Throwable failure) {
    LOG.error("dispatcher failed a future instead of answering", failure);
    return error(requestId, ErrorCode.INTERNAL, "internal error: " + failure.getClass().getSimpleName());
  }

  private void finish(ChannelHandlerContext ctx, NodeMessage reply) {
    inFlight--;
    if (closing) {
      return;
    }
    if (reply != null) {
      // A stream that started has no answer here: its messages travel on the stream.
      ctx.writeAndFlush(reply);
    }
    while (inFlight < highWater && !waiting.isEmpty()) {
      start(ctx, waiting.poll());
    }
    if (draining && inFlight == 0) {
      closeWith(ctx, 0, ErrorCode.UNAVAILABLE, "the node is shutting down; closing the connection");
      return;
    }
    updateReading(ctx);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    updateReading(ctx);
    if (streams != null && ctx.channel().isWritable()) {
      streams.writabilityChanged();
    }
    ctx.fireChannelWritabilityChanged();
  }

  /** Pauses reading above the high-water mark or while unwritable, and resumes at the low-water mark. */
  private void updateReading(ChannelHandlerContext ctx) {
    boolean writable = ctx.channel().isWritable();
    if (closing) {
      return;
    }
    if (reading && (draining || !writable || inFlight >= highWater || !waiting.isEmpty())) {
      reading = false;
      ctx.channel().config().setAutoRead(false);
    } else if (!reading && !draining && writable && inFlight <= lowWater && waiting.isEmpty()) {
      reading = true;
      ctx.channel().config().setAutoRead(true);
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent) {
      if (inFlight == 0 && waiting.isEmpty()) {
        closeWith(ctx, 0, ErrorCode.UNAVAILABLE, "closing the connection: it was idle");
      }
    } else if (event == DRAIN) {
      drain(ctx);
    } else {
      ctx.fireUserEventTriggered(event);
    }
  }

  /** Stops reading; requests not yet dispatched are refused, the rest are answered, then the connection closes. */
  private void drain(ChannelHandlerContext ctx) {
    draining = true;
    updateReading(ctx);
    while (!waiting.isEmpty()) {
      ctx.write(error(waiting.poll().getRequestId(), ErrorCode.UNAVAILABLE, "the node is shutting down"));
    }
    ctx.flush();
    if (inFlight == 0) {
      closeWith(ctx, 0, ErrorCode.UNAVAILABLE, "the node is shutting down; closing the connection");
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof java.io.IOException) {
      LOG.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    } else {
      LOG.warn("connection {} failed", ctx.channel().remoteAddress(), cause);
    }
    ctx.close();
  }

  private void closeWith(ChannelHandlerContext ctx, long requestId, ErrorCode code, String message) {
    if (closing) {
      return;
    }
    closing = true;
    waiting.clear();
    ctx.channel().config().setAutoRead(false);
    ctx.writeAndFlush(error(requestId, code, message)).addListener(ChannelFutureListener.CLOSE);
  }

  static NodeMessage error(long requestId, ErrorCode code, String message) {
    return NodeMessage.newBuilder()
        .setRequestId(requestId)
        .setError(io.statekv.protocol.v1.Error.newBuilder().setCode(code).setMessage(message).setOpIndex(-1))
        .build();
  }
}
