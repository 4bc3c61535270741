package io.statekv.node.watch;

import io.statekv.protocol.v1.Event;
import java.util.Objects;

/**
 * One event in its wire form, encoded once and shared by every watch response that carries it, so
 * that a sink can copy the encoded bytes into each response instead of encoding the event again
 * for every watcher.
 *
 * <p>Immutable and thread-safe; the array returned by {@link #bytes()} is shared and must not be
 * modified.
 */
public final class WireEvent {
  private final Event proto;
  private final byte[] bytes;

  public WireEvent(Event proto) {
    this.proto = Objects.requireNonNull(proto, "proto");
    this.bytes = proto.toByteArray();
  }

  public Event proto() {
    return proto;
  }

  /** The encoded {@link Event} message (without a tag or length prefix); shared, do not modify. */
  public byte[] bytes() {
    return bytes;
  }

  /** The length of {@link #bytes()}. */
  public int size() {
    return bytes.length;
  }
}
