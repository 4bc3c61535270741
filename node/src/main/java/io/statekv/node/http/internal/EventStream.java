package io.statekv.node.http.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.statekv.node.watch.WatchSink;
import io.statekv.node.watch.WatchStreams;
import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.WatchResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One {@code GET /v1/watch} connection: a single watch whose messages are written as Server-Sent
 * Events. The response head (200, {@code text/event-stream}) goes out with the watch's first
 * message, so a refused watch is still answered with a plain JSON error and its HTTP status. A
 * cancellation (compacted, slow_watcher, the node stopping) is written as an error event, and then
 * the response ends and the connection closes.
 *
 * <p>Writability is the channel's, so a client that stops reading makes the sink unwritable and
 * the fan-out cancels it with {@code slow_watcher} after its stall bound. Thread-safe: the fan-out
 * thread calls {@link #send} and {@link #flush}, Netty orders the writes on the event loop.
 */
final class EventStream implements WatchSink {
  /** The request id the stream's watch is opened with; one watch per connection. */
  static final long STREAM_ID = 1;
  /** A cancelled stream whose last bytes the client does not take is closed after this long anyway. */
  static final long CLOSE_GRACE_MILLIS = 5_000;

  private final Channel channel;
  private WatchStreams streams;
  private boolean headSent;
  private boolean ended;

  EventStream(Channel channel) {
    this.channel = channel;
  }

  /**
   * Opens the watch; the future completes with null once it runs, or with the refusal to answer.
   */
  CompletableFuture<io.statekv.protocol.v1.NodeMessage> open(WatchStreams streams, WatchQuery query) {
    this.streams = streams;
    return streams.handle(ClientMessage.newBuilder().setRequestId(STREAM_ID).setWatchCreate(query.request()).build());
  }

  @Override
  public boolean writable() {
    return channel.isActive() && channel.isWritable();
  }

  @Override
  public synchronized void send(long streamId, WatchResponse response) {
    if (ended) {
      return;
    }
    if (!headSent) {
      headSent = true;
      channel.write(head(), channel.voidPromise());
    }
    String frames = SseFrames.of(response);
    if (!frames.isEmpty()) {
      channel.write(new DefaultHttpContent(Unpooled.wrappedBuffer(SseFrames.bytes(frames))), channel.voidPromise());
    }
    if (response.getCanceled()) {
      ended = true;
      channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
      channel.eventLoop().schedule(() -> {
        channel.close();
      }, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void flush() {
    channel.flush();
  }

  /** The channel's writability changed: a lagging watch is served sooner. */
  void writabilityChanged() {
    if (streams != null) {
      streams.writabilityChanged();
    }
  }

  /** The connection closed: the watch ends with nothing more sent. */
  void close() {
    if (streams != null) {
      streams.close();
    }
  }

  private static HttpResponse head() {
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
    HttpUtil.setTransferEncodingChunked(head, true);
    return head;
  }
}
