package io.statekv.node.wire.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.statekv.node.watch.WatchSink;
import io.statekv.node.watch.WireEvent;
import io.statekv.protocol.v1.NodeMessage;
import io.statekv.protocol.v1.WatchResponse;
import java.util.List;

/**
 * The watch messages of a client connection: each a {@link NodeMessage} that echoes the request id
 * of the request that opened its watch.
 *
 * <p>The frames of one fan-out round are encoded on the fan-out thread into a buffer, which goes
 * to the channel once it holds {@link #CHUNK_BYTES} and at {@link #flush}: one hand-over to the
 * event loop per chunk rather than one per message. Writability is the channel's, which counts the
 * chunks handed over, so the fan-out stops writing once the connection's outbound buffer passes its
 * high-water mark; what is held here is less than one chunk plus one message.
 *
 * <p>{@link #send}, {@link #sendEvents} and {@link #flush} are called by the fan-out thread only;
 * {@link #writable} by any thread.
 */
final class ChannelWatchSink implements WatchSink {
  /** A buffer of frames goes to the channel once it holds this many bytes. */
  static final int CHUNK_BYTES = 64 << 10;

  private final Channel channel;
  private ByteBuf chunk;

  ChannelWatchSink(Channel channel) {
    this.channel = channel;
  }

  @Override
  public boolean writable() {
    return channel.isActive() && channel.isWritable();
  }

  @Override
  public void send(long streamId, WatchResponse response) {
    WatchFrames.writeMessage(chunk(), NodeMessage.newBuilder().setRequestId(streamId).setWatch(response).build());
    handOverIfFull();
  }

  @Override
  public void sendEvents(long streamId, long watchId, long[] alsoStreamIds, List<WireEvent> events,
      long progressRevision) {
    WatchFrames.writeEvents(chunk(), streamId, watchId, alsoStreamIds, events, progressRevision);
    handOverIfFull();
  }

  @Override
  public void flush() {
    if (chunk != null) {
      ByteBuf full = chunk;
      chunk = null;
      channel.writeAndFlush(full, channel.voidPromise());
    } else {
      channel.flush();
    }
  }

  private ByteBuf chunk() {
    if (chunk == null) {
      chunk = channel.alloc().ioBuffer(CHUNK_BYTES);
    }
    return chunk;
  }

  private void handOverIfFull() {
    if (chunk.readableBytes() >= CHUNK_BYTES) {
      ByteBuf full = chunk;
      chunk = null;
      channel.write(full, channel.voidPromise());
    }
  }
}
