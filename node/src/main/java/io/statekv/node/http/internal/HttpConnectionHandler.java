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
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.statekv.protocol.v1.ErrorCode;
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
  private final ArrayDeque<PendingRequest> queue = new ArrayDeque<>();
  private boolean serving;

  HttpConnectionHandler(HttpRoutes routes, HttpMetrics metrics) {
    this.routes = routes;
    this.metrics = metrics;
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
