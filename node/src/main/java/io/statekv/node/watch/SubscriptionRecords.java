package io.statekv.node.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.statekv.protocol.v1.ClientCommand;
import io.statekv.protocol.v1.DeleteRequest;
import io.statekv.protocol.v1.GetRequest;
import io.statekv.protocol.v1.SetRequest;
import io.statekv.protocol.v1.Subscription;
import io.statekv.protocol.v1.SubscriptionCreateRequest;
import io.statekv.protocol.v1.TxnOp;
import io.statekv.protocol.v1.TxnRequest;
import io.statekv.protocol.v1.UpdateOp;
import io.statekv.protocol.v1.UpdateRequest;
import io.statekv.protocol.v1.WatchFilter;
import io.statekv.storage.Json;
import io.statekv.storage.JsonCodec;
import io.statekv.storage.ListQuery;
import io.statekv.storage.StateStore;
import java.util.regex.Pattern;

/**
 * How durable subscriptions live in the replicated state: one entry per subscription in the
 * reserved scope {@value #SCOPE}, keyed by its name, written through the log by the node (clients
 * cannot write reserved scopes). Its value is
 *
 * <pre>{"filter": {"scope": ..., "key": ..., "key_prefix": ..., "event_types": [...], "changed_paths": [...]},
 *  "acked_revision": N}</pre>
 *
 * where empty filter fields are left out and a missing {@code acked_revision} means "the revision
 * before the subscription's creation". Stateless and thread-safe.
 */
public final class SubscriptionRecords {
  private SubscriptionRecords() {}

  /** The reserved scope of subscription records. */
  public static final String SCOPE = "_subscriptions";
  /** A subscription name's length at most. */
  public static final int NAME_CHARS_MAX = 128;
  /** Subscriptions a cluster holds at most (checked by the leader when one is created). */
  public static final int SUBSCRIPTIONS_MAX = 10_000;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  /** Why a name is refused, or null. */
  public static String checkName(String name) {
    if (name.isEmpty()) {
      return "subscription name is empty";
    }
    if (name.length() > NAME_CHARS_MAX) {
      return "subscription name is " + name.length() + " characters, more than " + NAME_CHARS_MAX;
    }
    if (!NAME.matcher(name).matches()) {
      return "subscription name '" + name + "' must be letters, digits, '.', '_' and '-', starting with a letter or digit";
    }
    return null;
  }

  /** Why a create request is refused, or null. */
  public static String checkCreate(SubscriptionCreateRequest create) {
    String problem = checkName(create.getName());
    if (problem == null) {
      problem = WatchFilterRules.check(create.getFilter());
    }
    if (problem == null && create.getStartRevision() < 0) {
      problem = "start_revision is out of range: " + Long.toUnsignedString(create.getStartRevision());
    }
    return problem;
  }

  /** The command that stores a new subscription; it fails with {@code conflict} when the name is taken. */
  public static ClientCommand createCommand(SubscriptionCreateRequest create) {
    ObjectNode value = JsonCodec.mapper().createObjectNode();
    value.set("filter", filterJson(create.getFilter()));
    if (create.getStartRevision() > 0) {
      value.put("acked_revision", create.getStartRevision() - 1);
    }
    SetRequest set = SetRequest.newBuilder()
        .setScope(SCOPE).setKey(create.getName()).setValueJson(bytes(value)).setIfRevision(0).build();
    return ClientCommand.newBuilder().setSet(set).build();
  }

  /**
   * The command that deletes a subscription: a txn that reads the record and deletes it in one
   * revision, so that the answer can report what was deleted.
   */
  public static ClientCommand deleteCommand(String name) {
    TxnRequest txn = TxnRequest.newBuilder()
        .addThen(TxnOp.newBuilder().setGet(GetRequest.newBuilder().setScope(SCOPE).setKey(name)))
        .addThen(TxnOp.newBuilder().setDelete(DeleteRequest.newBuilder().setScope(SCOPE).setKey(name)))
        .build();
    return ClientCommand.newBuilder().setTxn(txn).build();
  }

  /** Subscriptions stored now, counting at most {@code max}. */
  public static int count(StateStore store, long nowMillis, int max) {
    return store.list(new ListQuery(SCOPE, "", "", max, true), nowMillis).entries().size();
  }

  /** The command that moves the cursor to {@code acked}, if the entry is still at {@code entryRevision}. */
  public static ClientCommand ackCommand(String name, long entryRevision, long acked) {
    UpdateOp op = UpdateOp.newBuilder().setType(UpdateOp.Type.SET).addPath("acked_revision")
        .setValueJson(ByteString.copyFromUtf8(Long.toString(acked))).build();
    UpdateRequest update = UpdateRequest.newBuilder()
        .setScope(SCOPE).setKey(name).addOps(op).setIfRevision(entryRevision).build();
    return ClientCommand.newBuilder().setUpdate(update).build();
  }

  /** The subscription a stored entry holds. */
  public static Subscription decode(io.statekv.storage.Entry entry) {
    return decode(entry.key(), entry.value().node(), entry.createRevision(), entry.createdAt(), entry.updatedAt());
  }

  /** The subscription a wire entry (with its value) holds. */
  public static Subscription decode(io.statekv.protocol.v1.Entry entry) {
    JsonNode value = JsonCodec.parse(entry.getValueJson().toByteArray());
    return decode(entry.getKey(), value, entry.getCreateRevision(), entry.getCreatedAt(), entry.getUpdatedAt());
  }

  private static Subscription decode(String name, JsonNode value, long createRevision, long createdAt, long updatedAt) {
    JsonNode acked = value.get("acked_revision");
    return Subscription.newBuilder()
        .setName(name)
        .setFilter(filterOf(value.path("filter")))
        .setAckedRevision(acked != null && acked.canConvertToLong() ? acked.longValue() : createRevision - 1)
        .setCreateRevision(createRevision)
        .setCreatedAt(createdAt)
        .setUpdatedAt(updatedAt)
        .build();
  }

  static ObjectNode filterJson(WatchFilter filter) {
    ObjectNode out = JsonCodec.mapper().createObjectNode();
    putIfSet(out, "scope", filter.getScope());
    putIfSet(out, "key", filter.getKey());
    putIfSet(out, "key_prefix", filter.getKeyPrefix());
    if (filter.getEventTypesCount() > 0) {
      ArrayNode types = out.putArray("event_types");
      filter.getEventTypesList().forEach(types::add);
    }
    if (filter.getChangedPathsCount() > 0) {
      ArrayNode paths = out.putArray("changed_paths");
      filter.getChangedPathsList().forEach(paths::add);
    }
    return out;
  }

  static WatchFilter filterOf(JsonNode json) {
    WatchFilter.Builder f = WatchFilter.newBuilder()
        .setScope(json.path("scope").asText(""))
        .setKey(json.path("key").asText(""))
        .setKeyPrefix(json.path("key_prefix").asText(""));
    json.path("event_types").forEach(t -> f.addEventTypes(t.asText()));
    json.path("changed_paths").forEach(p -> f.addChangedPaths(p.asText()));
    return f.build();
  }

  private static void putIfSet(ObjectNode out, String field, String value) {
    if (!value.isEmpty()) {
      out.put(field, value);
    }
  }

  private static ByteString bytes(JsonNode value) {
    return UnsafeByteOperations.unsafeWrap(Json.of(value).bytes());
  }
}
