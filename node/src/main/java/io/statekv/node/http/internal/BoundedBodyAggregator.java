package io.statekv.node.http.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.statekv.protocol.v1.ErrorCode;

/**
 * Aggregates a request body up to request_bytes_max. A bigger body is refused with {@code 413
 * request_too_large} in our JSON error shape as soon as its length is known, and never buffered.
 */
final class BoundedBodyAggregator extends HttpObjectAggregator {
  private final int requestBytesMax;
  private final HttpMetrics metrics;

  BoundedBodyAggregator(int requestBytesMax, HttpMetrics metrics) {
    super(requestBytesMax, true); // close after refusing an expected body, as after an oversized one
    this.requestBytesMax = requestBytesMax;
    this.metrics = metrics;
  }

  /**
   * Answers before the body is read. A keep-alive client still sending its body keeps the
   * connection: the aggregator discards the rest of the body, and the client reads the answer.
   * Closing at once would make the kernel reset the connection over the unread body, and the
   * client could lose the answer. Otherwise the connection is closed after the answer.
   */
  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    boolean keepOpen = !(oversized instanceof FullHttpMessage) && HttpUtil.isKeepAlive(oversized);
    FullHttpResponse answer = tooLarge(oversized, keepOpen);
    if (keepOpen) {
      ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    } else {
      ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
    }
  }

  /**
   * A client that sends {@code Expect: 100-continue} (curl does for large bodies) with a length
   * over the bound gets the same JSON answer, before it sends the body; the aggregator then skips
   * the body and closes the connection.
   */
  @Override
  protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
    Object answer = super.newContinueResponse(start, maxContentLength, pipeline);
    if (answer instanceof FullHttpResponse r && r.status().code() == HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code()) {
      r.release();
      return tooLarge(start, false);
    }
    return answer;
  }

  private FullHttpResponse tooLarge(HttpMessage oversized, boolean keepOpen) {
    String path = oversized instanceof HttpRequest r ? new QueryStringDecoder(r.uri()).path() : "";
    StateOp op = StateOp.ofPath(path);
    HttpReply reply = HttpErrors.reply(ErrorCode.REQUEST_TOO_LARGE,
        "the request body is larger than request_bytes_max " + requestBytesMax + " bytes");
    metrics.record(op == null ? "unknown" : op.opName(), reply.outcome(), 0);
    FullHttpResponse response = new DefaultFullHttpResponse(
        HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(reply.body()));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
    if (!keepOpen) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    return response;
  }
}
