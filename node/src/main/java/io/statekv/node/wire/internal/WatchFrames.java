package io.statekv.node.wire.internal;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.netty.buffer.ByteBuf;
import io.statekv.node.watch.WireEvent;
import io.statekv.protocol.v1.NodeMessage;
import io.statekv.protocol.v1.WatchResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes watch messages as frames (a 4-byte big-endian length, then a {@link NodeMessage}) into a
 * buffer. A response of events is written field by field, with each event's encoded bytes copied
 * as they are, so that an event is encoded once however many watchers it goes to. The bytes equal
 * those of {@code NodeMessage{request_id, watch: WatchResponse{watch_id, events, progress_revision,
 * also_request_ids}}} as protobuf writes it (fields in number order, zero values and empty lists left
 * out, repeated numbers packed). Stateless.
 */
final class WatchFrames {
  private WatchFrames() {}

  private static final int NODE_MESSAGE_REQUEST_ID = NodeMessage.REQUEST_ID_FIELD_NUMBER;
  private static final int NODE_MESSAGE_WATCH = NodeMessage.WATCH_FIELD_NUMBER;
  private static final int RESPONSE_WATCH_ID = WatchResponse.WATCH_ID_FIELD_NUMBER;
  private static final int RESPONSE_EVENTS = WatchResponse.EVENTS_FIELD_NUMBER;
  private static final int RESPONSE_PROGRESS_REVISION = WatchResponse.PROGRESS_REVISION_FIELD_NUMBER;
  private static final int RESPONSE_ALSO_REQUEST_IDS = WatchResponse.ALSO_REQUEST_IDS_FIELD_NUMBER;

  /** Appends the frame of a response of events to {@code out}, which grows as needed. */
  static void writeEvents(ByteBuf out, long streamId, long watchId, long[] alsoStreamIds, List<WireEvent> events,
      long progressRevision) {
    int alsoBytes = packedBytes(alsoStreamIds);
    int responseBytes = responseBytes(watchId, events, progressRevision, alsoBytes);
    int messageBytes = uint64Bytes(NODE_MESSAGE_REQUEST_ID, streamId)
        + CodedOutputStream.computeTagSize(NODE_MESSAGE_WATCH)
        + CodedOutputStream.computeUInt32SizeNoTag(responseBytes) + responseBytes;
    CodedOutputStream output = open(out, messageBytes);
    try {
      writeUInt64(output, NODE_MESSAGE_REQUEST_ID, streamId);
      output.writeTag(NODE_MESSAGE_WATCH, WireFormat.WIRETYPE_LENGTH_DELIMITED);
      output.writeUInt32NoTag(responseBytes);
      writeUInt64(output, RESPONSE_WATCH_ID, watchId);
      for (int i = 0, n = events.size(); i < n; i++) {
        byte[] event = events.get(i).bytes();
        output.writeTag(RESPONSE_EVENTS, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        output.writeUInt32NoTag(event.length);
        output.writeRawBytes(event);
      }
      writeUInt64(output, RESPONSE_PROGRESS_REVISION, progressRevision);
      if (alsoStreamIds.length > 0) {
        output.writeTag(RESPONSE_ALSO_REQUEST_IDS, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        output.writeUInt32NoTag(alsoBytes);
        for (long also : alsoStreamIds) {
          output.writeUInt64NoTag(also);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("a watch frame did not fit the size computed for it", e);
    }
    close(out, output, messageBytes);
  }

  private static int responseBytes(long watchId, List<WireEvent> events, long progressRevision, int alsoBytes) {
    int bytes = uint64Bytes(RESPONSE_WATCH_ID, watchId) + uint64Bytes(RESPONSE_PROGRESS_REVISION, progressRevision);
    for (int i = 0, n = events.size(); i < n; i++) {
      bytes += CodedOutputStream.computeTagSize(RESPONSE_EVENTS)
          + CodedOutputStream.computeUInt32SizeNoTag(events.get(i).size()) + events.get(i).size();
    }
    if (alsoBytes > 0) {
      bytes += CodedOutputStream.computeTagSize(RESPONSE_ALSO_REQUEST_IDS)
          + CodedOutputStream.computeUInt32SizeNoTag(alsoBytes) + alsoBytes;
    }
    return bytes;
  }

  /** The bytes of a packed repeated uint64's values (without its tag and length). */
  private static int packedBytes(long[] values) {
    int bytes = 0;
    for (long v : values) {
      bytes += CodedOutputStream.computeUInt64SizeNoTag(v);
    }
    return bytes;
  }

  /** Appends the frame of a message to {@code out}, which grows as needed. */
  static void writeMessage(ByteBuf out, NodeMessage message) {
    int messageBytes = message.getSerializedSize();
    CodedOutputStream output = open(out, messageBytes);
    try {
      message.writeTo(output);
    } catch (IOException e) {
      throw new UncheckedIOException("a watch frame did not fit the size computed for it", e);
    }
    close(out, output, messageBytes);
  }

  /** The size of a uint64 field as protobuf writes it: nothing for zero. */
  private static int uint64Bytes(int field, long value) {
    return value == 0 ? 0 : CodedOutputStream.computeUInt64Size(field, value);
  }

  private static void writeUInt64(CodedOutputStream output, int field, long value) throws IOException {
    if (value != 0) {
      output.writeUInt64(field, value);
    }
  }

  private static CodedOutputStream open(ByteBuf out, int messageBytes) {
    out.ensureWritable(4 + messageBytes);
    out.writeInt(messageBytes);
    return CodedOutputStream.newInstance(out.nioBuffer(out.writerIndex(), messageBytes));
  }

  private static void close(ByteBuf out, CodedOutputStream output, int messageBytes) {
    output.checkNoSpaceLeft();
    out.writerIndex(out.writerIndex() + messageBytes);
  }
}
