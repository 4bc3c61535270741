package io.statekv.raft.internal;

import io.statekv.protocol.v1.LogEntry;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * A log entry on its way into Ratis. Within the leader's process Ratis hands this object back to
 * the state machine, which then neither parses the entry to validate it nor again to apply it;
 * the bytes are made once, for the log.
 */
final class ProposedEntry implements Message {
  private final LogEntry entry;
  private volatile ByteString content;

  ProposedEntry(LogEntry entry) {
    this.entry = entry;
  }

  LogEntry entry() {
    return entry;
  }

  @Override
  public ByteString getContent() {
    ByteString c = content;
    if (c == null) {
      c = UnsafeByteOperations.unsafeWrap(LogEntries.encode(entry));
      content = c;
    }
    return c;
  }

  @Override
  public String toString() {
    return "ProposedEntry{" + entry.getBodyCase() + "}";
  }
}
