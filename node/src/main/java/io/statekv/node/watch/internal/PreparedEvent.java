package io.statekv.node.watch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.statekv.node.watch.WireEvent;
import io.statekv.storage.Event;
import io.statekv.storage.Json;
import io.statekv.storage.JsonCodec;

/**
 * One event as the fan-out uses it: its wire form, built and encoded once and shared by every
 * watcher it goes to, and its values parsed on demand for {@code changed_paths} conditions.
 *
 * <p>Confined to the fan-out thread. The parsed values are dropped with {@link #releaseValues()}
 * once a pass is done with them, so that the history holds bytes, not trees.
 */
final class PreparedEvent {
  private final Event event;
  private WireEvent wire;
  private JsonNode oldTree;
  private JsonNode newTree;
  private boolean parsed;

  PreparedEvent(Event event) {
    this.event = event;
  }

  Event event() {
    return event;
  }

  /** The wire form, built and encoded on first use. */
  WireEvent wire() {
    if (wire == null) {
      wire = new WireEvent(io.statekv.protocol.v1.Event.newBuilder()
          .setRevision(event.revision())
          .setEventType(event.type().wireName())
          .setScope(event.scope())
          .setKey(event.key())
          .setOldValueJson(bytes(event.oldValue()))
          .setNewValueJson(bytes(event.newValue()))
          .setReason(event.reason().wireName())
          .build());
    }
    return wire;
  }

  boolean matches(EventFilter filter) {
    if (!filter.matchesAddress(event)) {
      return false;
    }
    if (!filter.needsValues()) {
      return true;
    }
    if (!parsed) {
      oldTree = event.oldValue() == null ? null : JsonCodec.parse(event.oldValue().bytes());
      newTree = event.newValue() == null ? null : JsonCodec.parse(event.newValue().bytes());
      parsed = true;
    }
    return filter.matchesValues(oldTree, newTree);
  }

  void releaseValues() {
    oldTree = null;
    newTree = null;
    parsed = false;
  }

  private static ByteString bytes(Json value) {
    return value == null ? ByteString.EMPTY : UnsafeByteOperations.unsafeWrap(value.bytes());
  }
}
