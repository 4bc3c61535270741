package io.statekv.node.wire.internal;

import io.statekv.protocol.v1.ClientMessage;
import java.util.OptionalLong;

/** What the decoders hand the connection handler for each frame. */
sealed interface InboundFrame {

  /** A well-formed request. */
  record Request(ClientMessage message) implements InboundFrame {}

  /** A frame whose bytes are not a {@code ClientMessage}; the request id when it could be recovered. */
  record Malformed(OptionalLong requestId, String reason) implements InboundFrame {}

  /** A frame longer than the limit; its bytes were discarded and nothing more will be read. */
  record Oversize(OptionalLong requestId, long length, int limit) implements InboundFrame {}
}
