package io.statekv.node.wire.internal;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.statekv.protocol.v1.ClientMessage;
import java.util.List;

/**
 * Decodes one frame into a {@link ClientMessage}. Bytes that are not one (bad wire format, or
 * strings that are not UTF-8, which proto3 refuses) become an {@link InboundFrame.Malformed}
 * carrying the request id when it can be recovered; they never raise an exception.
 */
public final class ClientMessageDecoder extends MessageToMessageDecoder<ByteBuf> {

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
    try {
      CodedInputStream input = CodedInputStream.newInstance(frame.nioBuffer());
      out.add(new InboundFrame.Request(ClientMessage.parseFrom(input)));
    } catch (InvalidProtocolBufferException e) {
      out.add(new InboundFrame.Malformed(RequestIds.recover(frame), e.getMessage()));
    } catch (java.io.IOException e) {
      out.add(new InboundFrame.Malformed(RequestIds.recover(frame), String.valueOf(e.getMessage())));
    }
  }
}
