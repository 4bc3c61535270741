package io.statekv.node.wire.internal;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.util.OptionalLong;

/**
 * Recovers the {@code request_id} (field 1, a varint) of a frame that could not be decoded as a
 * whole, so that the error can be answered to the request that caused it. Encoders write fields in
 * number order, so the id normally comes first and survives garbage later in the frame.
 */
final class RequestIds {
  private RequestIds() {}

  /** Scans the top-level fields until field 1; empty when it is absent or unreadable. */
  static OptionalLong recover(ByteBuf frame) {
    CodedInputStream input = CodedInputStream.newInstance(frame.nioBuffer());
    try {
      while (true) {
        int tag = input.readTag();
        if (tag == 0) {
          return OptionalLong.empty();
        }
        if (WireFormat.getTagFieldNumber(tag) == 1 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
          return OptionalLong.of(input.readUInt64());
        }
        if (!input.skipField(tag)) {
          return OptionalLong.empty();
        }
      }
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }
}
