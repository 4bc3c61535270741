package io.statekv.node.http.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import com.google.protobuf.ByteString;
import io.statekv.protocol.v1.DeleteResponse;
import io.statekv.protocol.v1.Entry;
import io.statekv.protocol.v1.GetResponse;
import io.statekv.protocol.v1.ListGroupsResponse;
import io.statekv.protocol.v1.ListResponse;
import io.statekv.protocol.v1.TxnOpResult;
import io.statekv.protocol.v1.TxnResponse;
import io.statekv.protocol.v1.UpdateOpError;
import io.statekv.protocol.v1.WriteResponse;
import io.statekv.storage.UpdateError;

/**
 * Writes protocol responses in iii's result shapes, with our extras as additional fields that
 * iii's clients ignore. Values are copied into the output as the compact JSON they already are,
 * never re-parsed. Stateless.
 */
final class GatewayResponses {
  private GatewayResponses() {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * set, update, patch and append: iii's {@code {old_value, new_value, errors?}} plus {@code
   * revision} and {@code entry} (the entry's metadata, without its value, which is new_value).
   */
  static ObjectNode write(WriteResponse w) {
    ObjectNode out = NODES.objectNode();
    putValue(out, "old_value", w.getOldValueJson());
    putValue(out, "new_value", w.getNewValueJson());
    if (w.getErrorsCount() > 0) {
      ArrayNode errors = out.putArray("errors");
      for (UpdateOpError e : w.getErrorsList()) {
        errors.addObject()
            .put("op_index", e.getOpIndex())
            .put("code", e.getCode())
            .put("message", e.getMessage())
            .put("doc_url", UpdateError.DOC_URL);
      }
    }
    out.put("revision", w.getEntry().getRevision());
    out.set("entry", entry(w.getEntry(), false));
    return out;
  }

  /** get: iii answers with the bare value, or null. */
  static RawValue value(GetResponse g) {
    return raw(g.hasEntry() ? g.getEntry().getValueJson() : ByteString.EMPTY);
  }

  /** get_entry: the whole entry (null when missing) and the revision the read was served at. */
  static ObjectNode entryResult(GetResponse g) {
    ObjectNode out = NODES.objectNode();
    if (g.hasEntry()) {
      out.set("entry", entry(g.getEntry(), true));
    } else {
      out.putNull("entry");
    }
    out.put("revision", g.getRevision());
    return out;
  }

  /** delete: iii answers with the deleted value, or null when the key was missing. */
  static RawValue deleted(DeleteResponse d) {
    return raw(d.getOldValueJson());
  }

  /** list: iii answers with a flat array of the values, here in key order. */
  static ArrayNode values(ListResponse l) {
    ArrayNode out = NODES.arrayNode(l.getEntriesCount());
    for (Entry e : l.getEntriesList()) {
      out.addRawValue(raw(e.getValueJson()));
    }
    return out;
  }

  /** list_entries: one page of entries and the cursor of the next. */
  static ObjectNode page(ListResponse l) {
    ObjectNode out = NODES.objectNode();
    ArrayNode entries = out.putArray("entries");
    for (Entry e : l.getEntriesList()) {
      entries.add(entry(e, true));
    }
    if (l.getMore()) {
      out.put("next_after", l.getNextAfter());
    } else {
      out.putNull("next_after");
    }
    out.put("more", l.getMore());
    out.put("revision", l.getRevision());
    return out;
  }

  /** list_groups: iii's {@code {groups}} plus the revision. */
  static ObjectNode groups(ListGroupsResponse g) {
    ObjectNode out = NODES.objectNode();
    ArrayNode groups = out.putArray("groups");
    g.getGroupsList().forEach(groups::add);
    out.put("revision", g.getRevision());
    return out;
  }

  /** txn: which branch ran, its revision, and each op's result in the shape of its endpoint. */
  static ObjectNode txn(TxnResponse t) {
    ObjectNode out = NODES.objectNode();
    out.put("succeeded", t.getSucceeded());
    out.put("revision", t.getRevision());
    ArrayNode results = out.putArray("results");
    for (TxnOpResult r : t.getResultsList()) {
      switch (r.getResultCase()) {
        case WRITE -> results.add(write(r.getWrite()));
        case DELETE -> results.addObject()
            .putRawValue("old_value", deleted(r.getDelete()))
            .put("revision", r.getDelete().getRevision());
        case GET -> results.addObject()
            .putRawValue("value", value(r.getGet()))
            .set("entry", r.getGet().hasEntry() ? entry(r.getGet().getEntry(), false) : NODES.nullNode());
        default -> throw new IllegalStateException("a txn result without a body: " + r);
      }
    }
    return out;
  }

  /** An entry; {@code withValue} false leaves out the value (when the caller has it already). */
  static ObjectNode entry(Entry e, boolean withValue) {
    ObjectNode out = NODES.objectNode();
    out.put("scope", e.getScope());
    out.put("key", e.getKey());
    if (withValue && !e.getValueJson().isEmpty()) {
      out.putRawValue("value", raw(e.getValueJson()));
    }
    out.put("revision", e.getRevision());
    out.put("create_revision", e.getCreateRevision());
    out.put("version", e.getVersion());
    out.put("created_at", e.getCreatedAt());
    out.put("updated_at", e.getUpdatedAt());
    if (e.getExpiresAt() != 0) {
      out.put("expires_at", e.getExpiresAt());
    }
    return out;
  }

  private static void putValue(ObjectNode out, String name, ByteString json) {
    out.putRawValue(name, raw(json));
  }

  /** Compact JSON bytes as a raw value; empty bytes (absent) become null. */
  static RawValue raw(ByteString json) {
    return new RawValue(json.isEmpty() ? "null" : json.toStringUtf8());
  }
}
