package io.statekv.node.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.protocol.v1.AppendRequest;
import io.statekv.protocol.v1.DeleteRequest;
import io.statekv.protocol.v1.GetRequest;
import io.statekv.protocol.v1.ListGroupsRequest;
import io.statekv.protocol.v1.ListRequest;
import io.statekv.protocol.v1.PatchRequest;
import io.statekv.protocol.v1.SetRequest;
import io.statekv.protocol.v1.UpdateRequest;

/**
 * Reads the JSON body of each state operation into its protocol request. iii's payloads are
 * accepted unchanged ({@code scope}, {@code key}, {@code value} or its alias {@code data}, {@code
 * ops}); our extras are optional fields. Names, sizes and limits are checked by the dispatcher, the
 * one edge shared with the protobuf server; only the JSON shape is checked here.
 */
final class GatewayRequests {
  private GatewayRequests() {}

  static SetRequest set(JsonNode body, String where) {
    JsonFields f = JsonFields.of(body, where);
    var b = SetRequest.newBuilder()
        .setScope(f.requiredString("scope"))
        .setKey(f.requiredString("key"))
        .setValueJson(f.requiredValue("value", "data"));
    f.ifPresent("ttl_seconds", b::setTtlSeconds);
    f.ifPresent("if_revision", b::setIfRevision);
    f.finish();
    return b.build();
  }

  static UpdateRequest update(JsonNode body, String where) {
    JsonFields f = JsonFields.of(body, where);
    var b = UpdateRequest.newBuilder()
        .setScope(f.requiredString("scope"))
        .setKey(f.requiredString("key"));
    f.ifPresent("ttl_seconds", b::setTtlSeconds);
    f.ifPresent("if_revision", b::setIfRevision);
    JsonNode ops = f.node("ops");
    f.finish();
    return b.addAllOps(OpsConverter.convert(ops, where)).build();
  }

  static PatchRequest patch(JsonNode body, String where) {
    JsonFields f = JsonFields.of(body, where);
    var b = PatchRequest.newBuilder()
        .setScope(f.requiredString("scope"))
        .setKey(f.requiredString("key"))
        .setPatchJson(f.requiredValue("patch", null));
    f.ifPresent("ttl_seconds", b::setTtlSeconds);
    f.ifPresent("if_revision", b::setIfRevision);
    f.finish();
    return b.build();
  }

  static AppendRequest append(JsonNode body, String where) {
    JsonFields f = JsonFields.of(body, where);
    var b = AppendRequest.newBuilder()
        .setScope(f.requiredString("scope"))
        .setKey(f.requiredString("key"))
        .setItemJson(f.requiredValue("item", null));
    f.ifPresent("ttl_seconds", b::setTtlSeconds);
    f.ifPresent("if_revision", b::setIfRevision);
    f.finish();
    return b.build();
  }

  static DeleteRequest delete(JsonNode body, String where) {
    JsonFields f = JsonFields.of(body, where);
    var b = DeleteRequest.newBuilder().setScope(f.requiredString("scope")).setKey(f.requiredString("key"));
    f.ifPresent("if_revision", b::setIfRevision);
    f.finish();
    return b.build();
  }

  static GetRequest get(JsonNode body, String where) {
    JsonFields f = JsonFields.of(body, where);
    var b = GetRequest.newBuilder()
        .setScope(f.requiredString("scope"))
        .setKey(f.requiredString("key"))
        .setConsistency(f.consistency());
    f.ifPresent("min_revision", b::setMinRevision);
    f.finish();
    return b.build();
  }

  /**
   * A list request. With {@code paged} false (iii's {@code list}), {@code keys_only} is refused,
   * because the answer is a flat array of values.
   */
  static ListRequest list(JsonNode body, String where, boolean paged) {
    JsonFields f = JsonFields.of(body, where);
    var b = ListRequest.newBuilder()
        .setScope(f.requiredString("scope"))
        .setPrefix(f.optionalString("prefix", ""))
        .setAfter(f.optionalString("after", ""))
        .setConsistency(f.consistency());
    long limit = f.optionalUnsigned("limit");
    if (limit == 0 || limit > Integer.MAX_VALUE) {
      throw f.fail("limit", "must be a positive integer, got " + limit);
    }
    b.setLimit(limit < 0 ? 0 : (int) limit);
    f.ifPresent("min_revision", b::setMinRevision);
    if (paged) {
      b.setKeysOnly(f.optionalBoolean("keys_only"));
    }
    f.finish();
    return b.build();
  }

  /** iii sends {@code {}}; an empty body is accepted as well. */
  static ListGroupsRequest listGroups(JsonNode body, String where) {
    JsonFields f = JsonFields.of(body, where);
    var b = ListGroupsRequest.newBuilder().setConsistency(f.consistency());
    f.ifPresent("min_revision", b::setMinRevision);
    f.finish();
    return b.build();
  }
}
