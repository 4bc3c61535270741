package io.statekv.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.client.ClusterSettings;
import io.statekv.client.ClusterStatus;
import io.statekv.client.DeleteResult;
import io.statekv.client.Entry;
import io.statekv.client.ListPage;
import io.statekv.client.Member;
import io.statekv.client.TxnOpResult;
import io.statekv.client.TxnResult;
import io.statekv.client.UpdateError;
import io.statekv.client.WriteResult;
import io.statekv.protocol.v1.DeleteResponse;
import io.statekv.protocol.v1.GetResponse;
import io.statekv.protocol.v1.ListResponse;
import io.statekv.protocol.v1.NodeMessage;
import io.statekv.protocol.v1.TxnOpResult.ResultCase;
import io.statekv.protocol.v1.TxnResponse;
import io.statekv.protocol.v1.WriteResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the API's results from wire answers. An answer without the expected body is a protocol
 * error ({@link IllegalStateException}), which the caller reports as {@code internal}. Stateless
 * and thread-safe.
 */
final class Responses {
  private Responses() {}

  private static void expect(boolean present, String what, NodeMessage answer) {
    if (!present) {
      throw new IllegalStateException("expected a " + what + " answer, got " + answer.getBodyCase());
    }
  }

  static Entry entry(io.statekv.protocol.v1.Entry entry) {
    return entry(entry, JsonValues.tree(entry.getValueJson()));
  }

  private static Entry entry(io.statekv.protocol.v1.Entry entry, JsonNode value) {
    return new Entry(entry.getScope(), entry.getKey(), value, entry.getRevision(), entry.getCreateRevision(),
        entry.getVersion(), entry.getCreatedAt(), entry.getUpdatedAt(), entry.getExpiresAt());
  }

  static Optional<Entry> get(NodeMessage answer) {
    expect(answer.hasGet(), "get", answer);
    return get(answer.getGet());
  }

  private static Optional<Entry> get(GetResponse get) {
    return get.hasEntry() ? Optional.of(entry(get.getEntry())) : Optional.empty();
  }

  static ListPage list(NodeMessage answer) {
    expect(answer.hasList(), "list", answer);
    ListResponse list = answer.getList();
    List<Entry> entries = new ArrayList<>(list.getEntriesCount());
    list.getEntriesList().forEach(e -> entries.add(entry(e)));
    return new ListPage(entries, list.getNextAfter(), list.getMore(), list.getRevision());
  }

  static List<String> listGroups(NodeMessage answer) {
    expect(answer.hasListGroups(), "list_groups", answer);
    return List.copyOf(answer.getListGroups().getGroupsList());
  }

  static WriteResult write(NodeMessage answer) {
    expect(answer.hasWrite(), "write", answer);
    return write(answer.getWrite());
  }

  private static WriteResult write(WriteResponse write) {
    List<UpdateError> errors = new ArrayList<>(write.getErrorsCount());
    write.getErrorsList().forEach(e -> errors.add(new UpdateError(e.getOpIndex(), e.getCode(), e.getMessage())));
    JsonNode oldValue = JsonValues.tree(write.getOldValueJson());
    JsonNode newValue = JsonValues.tree(write.getNewValueJson());
    // The entry holds the new value again: its text is read once (the trees are immutable by contract).
    io.statekv.protocol.v1.Entry entry = write.getEntry();
    JsonNode entryValue =
        entry.getValueJson().equals(write.getNewValueJson()) ? newValue : JsonValues.tree(entry.getValueJson());
    return new WriteResult(oldValue, newValue, entry(entry, entryValue), errors);
  }

  static DeleteResult delete(NodeMessage answer) {
    expect(answer.hasDelete(), "delete", answer);
    return delete(answer.getDelete());
  }

  private static DeleteResult delete(DeleteResponse delete) {
    return new DeleteResult(JsonValues.tree(delete.getOldValueJson()), delete.getRevision());
  }

  static TxnResult txn(NodeMessage answer) {
    expect(answer.hasTxn(), "txn", answer);
    TxnResponse txn = answer.getTxn();
    List<TxnOpResult> results = new ArrayList<>(txn.getResultsCount());
    for (io.statekv.protocol.v1.TxnOpResult result : txn.getResultsList()) {
      results.add(switch (result.getResultCase()) {
        case WRITE -> new TxnOpResult.Written(write(result.getWrite()));
        case DELETE -> new TxnOpResult.Deleted(delete(result.getDelete()));
        case GET -> new TxnOpResult.Read(get(result.getGet()));
        case RESULT_NOT_SET -> throw new IllegalStateException("a txn op result without a result");
      });
    }
    return new TxnResult(txn.getSucceeded(), results, txn.getRevision());
  }

  static ClusterStatus clusterStatus(NodeMessage answer) {
    if (answer.hasAdmin()) {
      return clusterStatus(answer.getAdmin().getCluster());
    }
    expect(answer.hasClusterStatus(), "cluster_status", answer);
    return clusterStatus(answer.getClusterStatus());
  }

  static ClusterStatus clusterStatus(io.statekv.protocol.v1.ClusterStatus status) {
    List<Member> members = new ArrayList<>(status.getMembersCount());
    status.getMembersList().forEach(m -> members.add(
        new Member(m.getId(), m.getRaftAddress(), m.getClientAddress(), m.getHttpAddress(), m.getLeader())));
    return new ClusterStatus(members, status.getLeaderId(), status.getTerm(), status.getCommitIndex(),
        status.getAppliedIndex(), status.getNodeId());
  }

  static ClusterSettings settings(NodeMessage answer) {
    expect(answer.hasAdmin() && !answer.getAdmin().getSettingsJson().isEmpty(), "settings", answer);
    JsonNode json = JsonValues.tree(com.google.protobuf.ByteString.copyFromUtf8(answer.getAdmin().getSettingsJson()));
    return new ClusterSettings(
        json.path("value_bytes_max").asLong(), json.path("entries_max").asLong(), json.path("state_bytes_max").asLong(),
        json.path("sessions_max").asLong(), json.path("session_ttl_millis").asLong());
  }
}
