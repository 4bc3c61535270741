package io.statekv.node.wire.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.util.OptionalLong;

/**
 * Splits the stream into frames: a 4-byte big-endian length, then that many bytes.
 *
 * <p>A frame longer than the limit is not an exception here but an {@link InboundFrame.Oversize},
 * so the handler can answer {@code request_too_large} (to the right request when its id is among
 * the bytes already received) before it closes the connection. From then on every byte is
 * discarded: the stream cannot be resynchronised after a refused frame.
 */
public final class FrameDecoder extends LengthFieldBasedFrameDecoder {
  private static final int LENGTH_BYTES = 4;
  /** Enough bytes for the request id: a one-byte tag and a varint of at most ten bytes. */
  private static final int ID_PEEK_BYTES = 11;

  private final int frameBytesMax;
  private boolean discarding;

  public FrameDecoder(int frameBytesMax) {
    super(frameBytesMax + LENGTH_BYTES, 0, LENGTH_BYTES, 0, LENGTH_BYTES, true);
    this.frameBytesMax = frameBytesMax;
  }

  @Override
  protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
    if (discarding) {
      in.skipBytes(in.readableBytes());
      return null;
    }
    if (in.readableBytes() >= LENGTH_BYTES) {
      long length = in.getUnsignedInt(in.readerIndex());
      if (length > frameBytesMax) {
        if (in.readableBytes() < LENGTH_BYTES + ID_PEEK_BYTES) {
          // Wait for the start of the body, where the request id is: a sender of an oversize frame
          // sends its body, and one that never does is closed by the idle timeout.
          return null;
        }
        ByteBuf head = in.slice(in.readerIndex() + LENGTH_BYTES, ID_PEEK_BYTES);
        OptionalLong requestId = RequestIds.recover(head);
        discarding = true;
        in.skipBytes(in.readableBytes());
        return new InboundFrame.Oversize(requestId, length, frameBytesMax);
      }
    }
    return super.decode(ctx, in);
  }
}
