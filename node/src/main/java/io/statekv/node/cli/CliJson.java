package io.statekv.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statekv.client.ClusterStatus;
import io.statekv.client.DeleteResult;
import io.statekv.client.Entry;
import io.statekv.client.ListPage;
import io.statekv.client.Member;
import io.statekv.client.TxnOpResult;
import io.statekv.client.TxnResult;
import io.statekv.client.UpdateError;
import io.statekv.client.WriteResult;

/**
 * The command line's answers, in the shapes of the HTTP gateway (docs/api.md), so that a script
 * reads the same JSON from either. Stateless.
 */
final class CliJson {
  private CliJson() {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** iii's documentation link for its update error codes. */
  static final String DOC_URL = io.statekv.storage.UpdateError.DOC_URL;

  static ObjectNode write(WriteResult w) {
    ObjectNode out = NODES.objectNode();
    out.set("old_value", orNull(w.oldValue()));
    out.set("new_value", orNull(w.newValue()));
    if (!w.errors().isEmpty()) {
      ArrayNode errors = out.putArray("errors");
      for (UpdateError e : w.errors()) {
        errors.addObject().put("op_index", e.opIndex()).put("code", e.code()).put("message", e.message()).put("doc_url", DOC_URL);
      }
    }
    out.put("revision", w.revision());
    out.set("entry", entry(w.entry(), false));
    return out;
  }

  static ObjectNode entry(Entry e, boolean withValue) {
    ObjectNode out = NODES.objectNode().put("scope", e.scope()).put("key", e.key());
    if (withValue && e.value() != null) {
      out.set("value", e.value());
    }
    out.put("revision", e.revision()).put("create_revision", e.createRevision()).put("version", e.version())
        .put("created_at", e.createdAt()).put("updated_at", e.updatedAt());
    if (e.expiresAt() != 0) {
      out.put("expires_at", e.expiresAt());
    }
    return out;
  }

  static ObjectNode page(ListPage p) {
    ObjectNode out = NODES.objectNode();
    ArrayNode entries = out.putArray("entries");
    p.entries().forEach(e -> entries.add(entry(e, true)));
    if (p.more()) {
      out.put("next_after", p.nextAfter());
    } else {
      out.putNull("next_after");
    }
    return out.put("more", p.more()).put("revision", p.revision());
  }

  static ObjectNode txn(TxnResult t) {
    ObjectNode out = NODES.objectNode().put("succeeded", t.succeeded()).put("revision", t.revision());
    ArrayNode results = out.putArray("results");
    for (TxnOpResult r : t.results()) {
      if (r instanceof TxnOpResult.Written w) {
        results.add(write(w.result()));
      } else if (r instanceof TxnOpResult.Deleted d) {
        results.add(deleted(d.result()));
      } else if (r instanceof TxnOpResult.Read read) {
        ObjectNode get = results.addObject();
        get.set("value", read.entry().map(Entry::value).orElse(NullNode.getInstance()));
        get.set("entry", read.entry().<JsonNode>map(e -> entry(e, false)).orElse(NullNode.getInstance()));
      }
    }
    return out;
  }

  static ObjectNode deleted(DeleteResult d) {
    ObjectNode out = NODES.objectNode();
    out.set("old_value", orNull(d.oldValue()));
    return out.put("revision", d.revision());
  }

  static ObjectNode cluster(ClusterStatus s) {
    ObjectNode out = NODES.objectNode().put("node_id", s.nodeId());
    out.put("leader_id", s.leaderId().isEmpty() ? null : s.leaderId());
    out.put("term", s.term()).put("commit_index", s.commitIndex()).put("applied_index", s.appliedIndex());
    ArrayNode members = out.putArray("members");
    for (Member m : s.members()) {
      members.addObject().put("id", m.id()).put("raft_address", m.raftAddress()).put("client_address", m.clientAddress())
          .put("http_address", m.httpAddress()).put("leader", m.id().equals(s.leaderId()));
    }
    return out;
  }

  private static JsonNode orNull(JsonNode value) {
    return value == null ? NullNode.getInstance() : value;
  }
}
