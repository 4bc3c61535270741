package io.statekv.node.wire.internal;

import io.netty.channel.Channel;
import io.statekv.node.watch.WatchSink;
import io.statekv.protocol.v1.NodeMessage;
import io.statekv.protocol.v1.WatchResponse;

/**
 * The watch messages of a client connection: each a {@link NodeMessage} that echoes the request id
 * of the request that opened its watch. Writability is the channel's, so the fan-out stops
 * writing once the connection's outbound buffer passes its high-water mark. Thread-safe (Netty
 * hands writes from other threads to the channel's event loop, in order).
 */
final class ChannelWatchSink implements WatchSink {
  private final Channel channel;

  ChannelWatchSink(Channel channel) {
    this.channel = channel;
  }

  @Override
  public boolean writable() {
    return channel.isActive() && channel.isWritable();
  }

  @Override
  public void send(long streamId, WatchResponse response) {
    channel.write(NodeMessage.newBuilder().setRequestId(streamId).setWatch(response).build(), channel.voidPromise());
  }

  @Override
  public void flush() {
    channel.flush();
  }
}
