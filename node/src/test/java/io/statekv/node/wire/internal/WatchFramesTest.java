package io.statekv.node.wire.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.statekv.node.watch.WireEvent;
import io.statekv.protocol.v1.Error;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.protocol.v1.Event;
import io.statekv.protocol.v1.NodeMessage;
import io.statekv.protocol.v1.WatchResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchFramesTest {

  static Event event(long revision, String key, String oldValue, String newValue) {
    return Event.newBuilder().setRevision(revision).setEventType(oldValue.isEmpty() ? "state:created" : "state:updated")
        .setScope("s").setKey(key)
        .setOldValueJson(ByteString.copyFrom(oldValue, StandardCharsets.UTF_8))
        .setNewValueJson(ByteString.copyFrom(newValue, StandardCharsets.UTF_8))
        .setReason("write").build();
  }

  /** The frame protobuf writes for the message: the old, encode-per-watcher path. */
  static byte[] frameOf(NodeMessage message) {
    byte[] body = message.toByteArray();
    ByteBuf frame = Unpooled.buffer(4 + body.length);
    frame.writeInt(body.length).writeBytes(body);
    return bytes(frame);
  }

  static NodeMessage eventsMessage(long streamId, long watchId, List<Event> events, long progressRevision) {
    return NodeMessage.newBuilder().setRequestId(streamId).setWatch(WatchResponse.newBuilder()
        .setWatchId(watchId).addAllEvents(events).setProgressRevision(progressRevision)).build();
  }

  static List<WireEvent> wire(List<Event> events) {
    return events.stream().map(WireEvent::new).toList();
  }

  static byte[] bytes(ByteBuf buf) {
    byte[] out = new byte[buf.readableBytes()];
    buf.getBytes(buf.readerIndex(), out);
    buf.release();
    return out;
  }

  static final long[] NONE = {};

  private static byte[] eventsFrame(long streamId, long watchId, List<Event> events, long progressRevision) {
    return sharedFrame(streamId, watchId, NONE, events, progressRevision);
  }

  private static byte[] sharedFrame(long streamId, long watchId, long[] also, List<Event> events, long progressRevision) {
    ByteBuf out = Unpooled.buffer(1);
    WatchFrames.writeEvents(out, streamId, watchId, also, wire(events), progressRevision);
    return bytes(out);
  }

  private static NodeMessage sharedMessage(long streamId, long watchId, long[] also, List<Event> events,
      long progressRevision) {
    NodeMessage plain = eventsMessage(streamId, watchId, events, progressRevision);
    WatchResponse.Builder watch = plain.getWatch().toBuilder();
    for (long id : also) {
      watch.addAlsoRequestIds(id);
    }
    return plain.toBuilder().setWatch(watch).build();
  }

  @Test
  void anEventsFrameHasTheBytesProtobufWritesForTheWholeMessage() {
    List<Event> events = List.of(
        event(41, "k1", "", "{\"sent\":1}"),
        event(41, "ключ", "{\"sent\":1}", "{\"sent\":2}"),
        event(42, "k3", "{\"a\":[1,2,3]}", ""));
    assertThat(eventsFrame(7, 3, events, 42)).isEqualTo(frameOf(eventsMessage(7, 3, events, 42)));
  }

  @Test
  void aSharedFrameListsTheOtherStreamsPackedAsProtobufWritesThem() {
    List<Event> events = List.of(event(41, "k1", "", "{\"sent\":1}"), event(42, "k2", "", "2"));
    long[] also = {2, 127, 128, 300_000, Long.MAX_VALUE, -1L};
    assertThat(sharedFrame(9, 4, also, events, 42)).isEqualTo(frameOf(sharedMessage(9, 4, also, events, 42)));
    long[] many = new long[1_000];
    for (int i = 0; i < many.length; i++) {
      many[i] = 1L << (i % 63);
    }
    assertThat(sharedFrame(1, 1, many, events, 42)).isEqualTo(frameOf(sharedMessage(1, 1, many, events, 42)));
  }

  @Test
  void zeroFieldsAreLeftOutAsProtobufLeavesThemOut() {
    assertThat(eventsFrame(0, 0, List.of(), 0)).isEqualTo(frameOf(eventsMessage(0, 0, List.of(), 0)));
    Event empty = Event.getDefaultInstance();
    assertThat(eventsFrame(0, 0, List.of(empty), 0)).isEqualTo(frameOf(eventsMessage(0, 0, List.of(empty), 0)));
  }

  @Test
  void largeEventsAndIdsTakeMultiByteLengthsAndVarints() {
    List<Event> events = new ArrayList<>();
    for (int size : new int[] {127, 128, 16_383, 16_384, 300_000}) {
      events.add(event(Long.MAX_VALUE, "k" + size, "", "\"" + "x".repeat(size) + "\""));
    }
    byte[] frame = eventsFrame(Long.MAX_VALUE, -1L, events, Long.MAX_VALUE);
    assertThat(frame).isEqualTo(frameOf(eventsMessage(Long.MAX_VALUE, -1L, events, Long.MAX_VALUE)));
  }

  @Test
  void framesAppendToOneBufferAndDecodeInOrder() throws Exception {
    List<Event> first = List.of(event(5, "a", "", "1"));
    List<Event> second = List.of(event(6, "b", "1", "2"), event(6, "c", "", "3"));
    NodeMessage canceled = NodeMessage.newBuilder().setRequestId(9).setWatch(WatchResponse.newBuilder().setWatchId(2)
        .setCanceled(true).setCancelReason(Error.newBuilder().setCode(ErrorCode.COMPACTED).setMessage("gone"))).build();
    ByteBuf out = Unpooled.buffer(8);
    WatchFrames.writeEvents(out, 9, 2, NONE, wire(first), 5);
    WatchFrames.writeMessage(out, canceled);
    WatchFrames.writeEvents(out, 10, 4, new long[] {11, 12}, wire(second), 6);

    List<NodeMessage> decoded = new ArrayList<>();
    while (out.isReadable()) {
      byte[] body = new byte[out.readInt()];
      out.readBytes(body);
      decoded.add(NodeMessage.parseFrom(body));
    }
    out.release();
    assertThat(decoded).containsExactly(eventsMessage(9, 2, first, 5), canceled, sharedMessage(10, 4, new long[] {11, 12}, second, 6));
  }
}
