package io.statekv.raft.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import io.statekv.protocol.v1.BatchResult;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * The Ratis reply of an applied entry: its {@link BatchResult}. Within the leader's process the
 * object travels as is, so the result is serialized only if Ratis sends it over the wire.
 */
final class BatchReply implements Message {
  private final BatchResult result;
  private volatile ByteString content;

  BatchReply(BatchResult result) {
    this.result = result;
  }

  BatchResult result() {
    return result;
  }

  @Override
  public ByteString getContent() {
    ByteString c = content;
    if (c == null) {
      c = UnsafeByteOperations.unsafeWrap(result.toByteArray());
      content = c;
    }
    return c;
  }

  /** The result of a reply, whether it stayed in process or came over the wire. */
  static BatchResult of(Message message) {
    if (message instanceof BatchReply reply) {
      return reply.result;
    }
    try {
      return BatchResult.parseFrom(message.getContent().asReadOnlyByteBuffer());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a Raft reply is not a BatchResult", e);
    }
  }

  @Override
  public String toString() {
    return "BatchReply{revision=" + result.getRevision() + ", results=" + result.getResultsCount() + "}";
  }
}
