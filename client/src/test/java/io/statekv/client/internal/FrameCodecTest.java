package io.statekv.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.GetRequest;
import io.statekv.protocol.v1.GetResponse;
import io.statekv.protocol.v1.NodeMessage;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

  private static EmbeddedChannel channel(int inboundMax) {
    EmbeddedChannel channel = new EmbeddedChannel();
    FrameCodec.install(channel.pipeline(), inboundMax);
    return channel;
  }

  @Test
  void requestsAreLengthPrefixed() {
    EmbeddedChannel channel = channel(1024);
    ClientMessage message = ClientMessage.newBuilder().setRequestId(5)
        .setGet(GetRequest.newBuilder().setScope("s").setKey("k")).build();
    assertThat(channel.writeOutbound(message)).isTrue();
    ByteBuf frame = channel.readOutbound();
    assertThat(frame.readInt()).isEqualTo(message.getSerializedSize());
    byte[] body = new byte[frame.readableBytes()];
    frame.readBytes(body);
    frame.release();
    assertThat(body).isEqualTo(message.toByteArray());
  }

  @Test
  void answersAreReassembledFromAnySplit() throws Exception {
    NodeMessage first = NodeMessage.newBuilder().setRequestId(1).setGet(GetResponse.newBuilder().setRevision(7)).build();
    NodeMessage second = NodeMessage.newBuilder().setRequestId(2).build();
    ByteBuf stream = Unpooled.buffer();
    for (NodeMessage m : new NodeMessage[] {first, second}) {
      stream.writeInt(m.getSerializedSize()).writeBytes(m.toByteArray());
    }
    byte[] bytes = new byte[stream.readableBytes()];
    stream.readBytes(bytes);
    for (int split = 1; split < bytes.length; split++) {
      EmbeddedChannel channel = channel(1024);
      channel.writeInbound(Unpooled.wrappedBuffer(bytes, 0, split));
      channel.writeInbound(Unpooled.wrappedBuffer(bytes, split, bytes.length - split));
      assertThat((NodeMessage) channel.readInbound()).isEqualTo(first);
      assertThat((NodeMessage) channel.readInbound()).isEqualTo(second);
      Object none = channel.readInbound();
      assertThat(none).isNull();
    }
  }

  @Test
  void anOversizeAnswerIsAnErrorOfTheConnection() {
    EmbeddedChannel channel = channel(16);
    NodeMessage atLimit = NodeMessage.newBuilder().setRequestId(1).setGet(GetResponse.newBuilder().setRevision(1)).build();
    ByteBuf padded = Unpooled.buffer().writeInt(16).writeBytes(atLimit.toByteArray());
    // Unknown fields pad the message to exactly 16 bytes: field 100, wire type 2, a few bytes of payload.
    byte[] filler = new byte[16 - atLimit.getSerializedSize() - 3];
    padded.writeBytes(new byte[] {(byte) 0xa2, 0x06, (byte) filler.length}).writeBytes(filler);
    channel.writeInbound(padded);
    assertThat(((NodeMessage) channel.readInbound()).getRequestId()).isEqualTo(1);
    ByteBuf frame = Unpooled.buffer().writeInt(17).writeBytes(new byte[17]);
    try {
      channel.writeInbound(frame);
      throw new AssertionError("an oversize frame was accepted");
    } catch (TooLongFrameException expected) {
      assertThat(expected.getMessage()).contains("exceeds 20: 21");
    }
  }
}
