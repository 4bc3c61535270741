package io.statekv.node.wire.internal;

import com.google.protobuf.CodedOutputStream;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.statekv.protocol.v1.NodeMessage;
import java.io.IOException;

/** Writes a {@link NodeMessage} as one frame: a 4-byte big-endian length, then the message. */
@ChannelHandler.Sharable
public final class NodeMessageEncoder extends MessageToByteEncoder<NodeMessage> {

  @Override
  protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, NodeMessage message, boolean preferDirect) {
    return ctx.alloc().ioBuffer(4 + message.getSerializedSize());
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, NodeMessage message, ByteBuf out) throws IOException {
    int size = message.getSerializedSize();
    out.writeInt(size);
    CodedOutputStream output = CodedOutputStream.newInstance(out.nioBuffer(out.writerIndex(), size));
    message.writeTo(output);
    output.checkNoSpaceLeft();
    out.writerIndex(out.writerIndex() + size);
  }
}
