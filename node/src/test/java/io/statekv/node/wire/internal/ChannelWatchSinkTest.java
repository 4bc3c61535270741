package io.statekv.node.wire.internal;

import static io.statekv.node.wire.internal.WatchFramesTest.event;
import static io.statekv.node.wire.internal.WatchFramesTest.eventsMessage;
import static io.statekv.node.wire.internal.WatchFramesTest.wire;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.statekv.protocol.v1.Event;
import io.statekv.protocol.v1.NodeMessage;
import io.statekv.protocol.v1.WatchResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelWatchSinkTest {

  /** An allocator that keeps every buffer it hands out, to check that each was released. */
  static final class TrackingAllocator extends AbstractByteBufAllocator {
    final List<ByteBuf> allocated = new ArrayList<>();

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
      ByteBuf b = new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
      allocated.add(b);
      return b;
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
      ByteBuf b = new UnpooledDirectByteBuf(this, initialCapacity, maxCapacity);
      allocated.add(b);
      return b;
    }

    @Override
    public boolean isDirectBufferPooled() {
      return false;
    }
  }

  private final EmbeddedChannel channel = new EmbeddedChannel();
  private final ChannelWatchSink sink = new ChannelWatchSink(channel);

  /** Every frame the channel was handed, decoded in order. */
  private List<NodeMessage> written() throws Exception {
    List<NodeMessage> out = new ArrayList<>();
    ByteBuf buf;
    while ((buf = channel.readOutbound()) != null) {
      while (buf.isReadable()) {
        byte[] body = new byte[buf.readInt()];
        buf.readBytes(body);
        out.add(NodeMessage.parseFrom(body));
      }
      buf.release();
    }
    return out;
  }

  @Test
  void theMessagesOfARoundLeaveAsOneBufferAtFlushInOrder() throws Exception {
    WatchResponse created = WatchResponse.newBuilder().setWatchId(1).setCreated(true).setProgressRevision(4).build();
    List<Event> events = List.of(event(5, "a", "", "1"), event(5, "b", "", "2"));
    WatchResponse progress = WatchResponse.newBuilder().setWatchId(2).setProgressRevision(5).build();
    sink.send(7, created);
    sink.sendEvents(7, 1, WatchFramesTest.NONE, wire(events), 5);
    sink.send(8, progress);
    assertThat(channel.outboundMessages()).isEmpty();

    sink.flush();
    assertThat(channel.outboundMessages()).hasSize(1);
    assertThat(written()).containsExactly(
        NodeMessage.newBuilder().setRequestId(7).setWatch(created).build(),
        eventsMessage(7, 1, events, 5),
        NodeMessage.newBuilder().setRequestId(8).setWatch(progress).build());
  }

  @Test
  void aFullChunkGoesToTheChannelBeforeTheFlushSoWritabilityCountsIt() throws Exception {
    List<Event> events = List.of(event(9, "k", "", "\"" + "x".repeat(1_000) + "\""));
    int frames = ChannelWatchSink.CHUNK_BYTES / 1_000 + 1;
    List<NodeMessage> expected = new ArrayList<>();
    for (int i = 0; i < frames; i++) {
      sink.sendEvents(i + 1, i + 1, WatchFramesTest.NONE, wire(events), 9);
      expected.add(eventsMessage(i + 1, i + 1, events, 9));
    }
    assertThat(channel.unsafe().outboundBuffer().totalPendingWriteBytes()).isGreaterThanOrEqualTo(ChannelWatchSink.CHUNK_BYTES);

    sink.flush();
    assertThat(written()).isEqualTo(expected);
  }

  @Test
  void aFlushAfterTheChannelClosedReleasesWhatWasHeld() {
    TrackingAllocator allocator = new TrackingAllocator();
    channel.config().setAllocator(allocator);
    sink.sendEvents(1, 1, WatchFramesTest.NONE, wire(List.of(event(3, "k", "", "1"))), 3);
    channel.close();
    sink.flush();
    assertThat(allocator.allocated).isNotEmpty().allSatisfy(b -> assertThat(b.refCnt()).isZero());
  }
}
