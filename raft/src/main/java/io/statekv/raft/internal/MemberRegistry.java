package io.statekv.raft.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.UnsafeByteOperations;
import io.statekv.protocol.v1.ClientCommand;
import io.statekv.protocol.v1.DeleteRequest;
import io.statekv.protocol.v1.SetRequest;
import io.statekv.raft.Member;
import io.statekv.storage.Entry;
import io.statekv.storage.Json;
import io.statekv.storage.JsonCodec;
import io.statekv.storage.StateStore;

/**
 * Where members can be reached, kept in the replicated state.
 *
 * <p>Ratis' peers carry only a Raft address, so each member's record ({@code id}, Raft, client and
 * HTTP addresses) is an entry {@code members/<id>} of the reserved scope {@code _system}, written
 * through the log like any other write: the leader writes the initial members' records once the
 * group has a leader, and a record is written before a member is added and deleted after it is
 * removed. Every replica therefore answers {@code not_leader} with the same leader client address.
 * Stateless.
 */
final class MemberRegistry {
  private MemberRegistry() {}

  static final String SCOPE = "_system";
  static final String KEY_PREFIX = "members/";

  /** The record of a member, or null when none is stored. */
  static Member lookup(StateStore store, String id, long nowMillis) {
    Entry e = store.get(SCOPE, KEY_PREFIX + id, nowMillis);
    if (e == null) {
      return null;
    }
    JsonNode n = e.value().node();
    return new Member(id, text(n, "raft"), text(n, "client"), text(n, "http"));
  }

  /** A command that stores the member's record. */
  static ClientCommand record(Member m) {
    ObjectNode value = JsonCodec.mapper().createObjectNode()
        .put("id", m.id())
        .put("raft", m.raftAddress())
        .put("client", m.clientAddress())
        .put("http", m.httpAddress());
    SetRequest set = SetRequest.newBuilder()
        .setScope(SCOPE)
        .setKey(KEY_PREFIX + m.id())
        .setValueJson(UnsafeByteOperations.unsafeWrap(Json.of(value).bytes()))
        .build();
    return ClientCommand.newBuilder().setSet(set).build();
  }

  /** A command that deletes the member's record. */
  static ClientCommand removal(String id) {
    return ClientCommand.newBuilder()
        .setDelete(DeleteRequest.newBuilder().setScope(SCOPE).setKey(KEY_PREFIX + id))
        .build();
  }

  /** True when the stored record matches the member exactly. */
  static boolean matches(Member stored, Member m) {
    return stored != null && stored.equals(m);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || !v.isTextual() ? "" : v.textValue();
  }
}
