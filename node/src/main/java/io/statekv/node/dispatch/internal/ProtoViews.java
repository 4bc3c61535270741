package io.statekv.node.dispatch.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.UnsafeByteOperations;
import io.statekv.protocol.v1.ClusterStatus;
import io.statekv.protocol.v1.Entry;
import io.statekv.protocol.v1.Member;
import io.statekv.raft.ClusterView;
import io.statekv.storage.ClusterSettings;

/** Maps the replica's and the store's views to their wire form. Stateless and thread-safe. */
public final class ProtoViews {
  private ProtoViews() {}

  /** An entry; its value is left out when {@code withValue} is false or the store gave none. */
  public static Entry entry(io.statekv.storage.Entry entry, boolean withValue) {
    Entry.Builder out = Entry.newBuilder()
        .setScope(entry.scope())
        .setKey(entry.key())
        .setRevision(entry.revision())
        .setCreateRevision(entry.createRevision())
        .setVersion(entry.version())
        .setCreatedAt(entry.createdAt())
        .setUpdatedAt(entry.updatedAt())
        .setExpiresAt(entry.expiresAt());
    if (withValue && entry.value() != null) {
      // The store's bytes are immutable once written, so they can be wrapped without a copy.
      out.setValueJson(UnsafeByteOperations.unsafeWrap(entry.value().bytes()));
    }
    return out.build();
  }

  public static ClusterStatus cluster(ClusterView view) {
    ClusterStatus.Builder out = ClusterStatus.newBuilder()
        .setLeaderId(view.leaderId())
        .setTerm(view.term())
        .setCommitIndex(view.commitIndex())
        .setAppliedIndex(view.appliedIndex())
        .setNodeId(view.nodeId());
    for (io.statekv.raft.Member member : view.members()) {
      out.addMembers(member(member, member.id().equals(view.leaderId())));
    }
    return out.build();
  }

  public static Member member(io.statekv.raft.Member member, boolean leader) {
    return Member.newBuilder()
        .setId(member.id())
        .setRaftAddress(member.raftAddress())
        .setClientAddress(member.clientAddress())
        .setHttpAddress(member.httpAddress())
        .setLeader(leader)
        .build();
  }

  public static io.statekv.raft.Member member(Member member) {
    return new io.statekv.raft.Member(
        member.getId(), member.getRaftAddress(), member.getClientAddress(), member.getHttpAddress());
  }

  /** The settings as a JSON object with the snake_case names of {@code SettingsRequest}. */
  public static String settingsJson(ClusterSettings settings) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("value_bytes_max", settings.valueBytesMax());
    json.put("entries_max", settings.entriesMax());
    json.put("state_bytes_max", settings.stateBytesMax());
    json.put("sessions_max", settings.sessionsMax());
    json.put("session_ttl_millis", settings.sessionTtlMillis());
    return json.toString();
  }
}
