package io.statekv.node.http.internal;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.statekv.node.watch.WatchService;
import io.statekv.protocol.ErrorCodes;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.protocol.v1.WatchResponse;
import java.util.ArrayDeque;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP connection. Requests are answered one at a time and in order, as HTTP/1.1 requires
 * of pipelined requests: while one is being served, later ones wait in a bounded queue and the
 * connection stops reading. All state is touched on the channel's event loop only.
 */
final class HttpConnectionHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(HttpConnectionHandler.class);

  /** Pipelined requests a connection may queue behind the one in service. */
  static final int PIPELINED_REQUESTS_MAX = 16;

  private final HttpRoutes routes;
  private final HttpMetrics metrics;
  private final WatchService watches;
  private final ArrayDeque<PendingRequest> queue = new ArrayDeque<>();
  private boolean serving;
  /** The connection's watch, once a {@code GET /v1/watch} made it an event stream. */
  private EventStream stream;

  /**
   * @param watches serves {@code GET /v1/watch}; null when the node serves no watches
   */
  HttpConnectionHandler(HttpRoutes routes, HttpMetrics metrics, WatchService watches) {
    this.routes = routes;
    this.metrics = metrics;
    this.watches = watches;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    if (req.decoderResult().isFailure()) {
      if (serving || !queue.isEmpty()) {
        ctx.close(); // an answer now would overtake the ones still owed
        return;
      }
      String problem = String.valueOf(req.decoderResult().cause());
      HttpReply reply = HttpErrors.reply(ErrorCode.INVALID_ARGUMENT, "malformed HTTP request: " + problem);
      write(ctx, new PendingRequest(req.method().name(), "", Map.of(), new byte[0], false, false, System.nanoTime()), "unknown", reply);
      return;
    }
    if (stream != null) {
      ctx.close(); // an event stream's connection carries nothing else
      return;
    }
    if (watches != null && req.method() == HttpMethod.GET && new QueryStringDecoder(req.uri()).path().equals(WatchQuery.PATH)) {
      if (serving || !queue.isEmpty()) {
        ctx.close(); // the stream would never end, so the answers still owed could not follow it
        return;
      }
      startStream(ctx, req);
      return;
    }
    if (queue.size() >= PIPELINED_REQUESTS_MAX) {
      LOG.debug("closing {}: more than {} pipelined requests", ctx.channel().remoteAddress(), PIPELINED_REQUESTS_MAX);
      ctx.close();
      return;
    }
    QueryStringDecoder uri = new QueryStringDecoder(req.uri());
    queue.add(new PendingRequest(
        req.method().name(),
        uri.path(),
        uri.parameters(),
        ByteBufUtil.getBytes(req.content()),
        HttpUtil.isKeepAlive(req),
        req.headers().contains(LeaderForwarder.FORWARDED_BY_HEADER),
        System.nanoTime()));
    ctx.channel().config().setAutoRead(false);
    serveNext(ctx);
  }

  /**
   * Turns the connection into the event stream of one watch; a refused watch is answered with a
   * JSON error, and the connection closes after it.
   */
  private void startStream(ChannelHandlerContext ctx, FullHttpRequest req) {
    PendingRequest r = new PendingRequest("GET", WatchQuery.PATH, Map.of(), new byte[0], false, false, System.nanoTime());
    WatchQuery query;
    try {
      query = WatchQuery.parse(req.uri(), req.headers().get(WatchQuery.LAST_EVENT_ID));
    } catch (GatewayException e) {
      write(ctx, r, "watch", HttpErrors.reply(e.error(), "", false));
      return;
    }
    serving = true;
    EventStream opened = new EventStream(ctx.channel());
    stream = opened;
    opened.open(watches.open(opened), query).whenComplete((refusal, failure) -> ctx.executor().execute(() -> {
      if (failure == null && refusal == null) {
        metrics.record("watch", HttpReply.OUTCOME_OK, System.nanoTime() - r.startNanos());
        return;
      }
      if (refusal != null && refusal.getError().getCode() == ErrorCode.COMPACTED) {
        // An EventSource cannot read the body of a failed response, so compacted (the one refusal
        // a correct client meets in normal operation, after a long disconnection) is an error event.
        opened.send(EventStream.STREAM_ID, WatchResponse.newBuilder().setCanceled(true).setCancelReason(refusal.getError()).build());
        metrics.record("watch", ErrorCodes.of(ErrorCode.COMPACTED).wireName(), System.nanoTime() - r.startNanos());
        return;
      }
      opened.close();
      stream = null;
      serving = false;
      HttpReply answer = failure != null
          ? HttpErrors.reply(ErrorCode.INTERNAL, "internal error: " + failure)
          : HttpErrors.reply(refusal.getError(), "", false);
      write(ctx, r, "watch", answer);
    }));
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    if (stream != null) {
      stream.writabilityChanged();
    }
    super.channelWritabilityChanged(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (stream != null) {
      stream.close();
    }
    super.channelInactive(ctx);
  }

  private void serveNext(ChannelHandlerContext ctx) {
    if (serving) {
      return;
    }
    PendingRequest next = queue.poll();
    if (next == null) {
      ctx.channel().config().setAutoRead(true);
      return;
    }
    serving = true;
    HttpRoutes.Routed routed;
    try {
      routed = routes.route(next);
    } catch (RuntimeException e) {
      LOG.error("{} {} failed", next.method(), next.path(), e);
      routed = new HttpRoutes.Routed("unknown", java.util.concurrent.CompletableFuture.completedFuture(
          HttpErrors.reply(ErrorCode.INTERNAL, "internal error: " + e)));
    }
    String op = routed.op();
    routed.reply().whenComplete((reply, failure) -> ctx.executor().execute(() -> {
      HttpReply answer = failure == null ? reply : HttpErrors.reply(ErrorCode.INTERNAL, "internal error: " + failure);
      if (failure != null) {
        LOG.error("{} {} failed", next.method(), next.path(), failure);
      }
      serving = false;
      write(ctx, next, op, answer);
    }));
  }

  private void write(ChannelHandlerContext ctx, PendingRequest r, String op, HttpReply reply) {
    metrics.record(op, reply.outcome(), System.nanoTime() - r.startNanos());
    FullHttpResponse response = new DefaultFullHttpResponse(
        HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(reply.body()));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
    reply.headers().forEach((name, value) -> response.headers().set(name, value));
    if (!r.keepAlive()) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    serveNext(ctx);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent && !serving) {
      ctx.close();
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("HTTP connection {} failed; closing it", ctx.channel().remoteAddress(), cause);
    ctx.close();
  }
}
