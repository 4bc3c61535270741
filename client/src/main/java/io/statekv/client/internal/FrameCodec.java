package io.statekv.client.internal;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.MessageToByteEncoder;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.NodeMessage;
import java.io.IOException;
import java.util.List;

/**
 * The client's side of the framing: each message is a 4-byte big-endian length and that many bytes
 * of protobuf. A frame from a node that is too long or not a {@link NodeMessage} is an error of the
 * connection, which is then closed.
 */
final class FrameCodec {
  private FrameCodec() {}

  static void install(ChannelPipeline pipeline, int inboundFrameBytesMax) {
    // The decoder's bound counts the length field too; the client's bound is on the message itself.
    pipeline.addLast(new LengthFieldBasedFrameDecoder(inboundFrameBytesMax + 4, 0, 4, 0, 4, true));
    pipeline.addLast(new Decoder());
    pipeline.addLast(ENCODER);
  }

  private static final Encoder ENCODER = new Encoder();

  static final class Decoder extends MessageToMessageDecoder<ByteBuf> {
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) throws IOException {
      out.add(NodeMessage.parseFrom(CodedInputStream.newInstance(frame.nioBuffer())));
    }
  }

  @ChannelHandler.Sharable
  static final class Encoder extends MessageToByteEncoder<ClientMessage> {
    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, ClientMessage message, boolean preferDirect) {
      return ctx.alloc().ioBuffer(4 + message.getSerializedSize());
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ClientMessage message, ByteBuf out) throws IOException {
      int size = message.getSerializedSize();
      out.writeInt(size);
      CodedOutputStream output = CodedOutputStream.newInstance(out.nioBuffer(out.writerIndex(), size));
      message.writeTo(output);
      output.checkNoSpaceLeft();
      out.writerIndex(out.writerIndex() + size);
    }
  }
}
