package io.statekv.node.dispatch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statekv.protocol.v1.UpdateOp;
import io.statekv.protocol.v1.UpdateRequest;
import io.statekv.storage.Limits;
import io.statekv.storage.UpdateOps;
import java.util.Locale;

/**
 * Checks the update ops of a request and maps them to iii's JSON shape, which the storage engine's
 * own parser ({@link UpdateOps#parse}) then accepts or refuses, so the edge and the core agree on
 * what a well-formed op is.
 *
 * <p>The protobuf shape maps to iii's as follows: {@code set}, {@code increment}, {@code
 * decrement} and {@code remove} take at most one path element (none, or {@code ""}, is the root);
 * {@code merge} and {@code append} take the segments of a nested path. A malformed op (type
 * unspecified, a field op with more than one path element, merge or append without a value, a
 * value on increment, decrement or remove, a {@code by} on an op that has none) rejects the whole
 * request with {@code invalid_argument}; nothing is applied. Limits on path depth, segment length
 * and merge values are not shape rules: as in iii, they become per-op errors when applied.
 * Stateless and thread-safe.
 */
final class UpdateOpShapes {
  private UpdateOpShapes() {}

  /** Returns the request with every op value in compact form. */
  static UpdateRequest check(UpdateRequest request, int valueBytesMax) {
    if (request.getOpsCount() > Limits.UPDATE_OPS_MAX) {
      throw RejectedRequestException.invalid(
          "update has " + request.getOpsCount() + " ops, more than update_ops_max " + Limits.UPDATE_OPS_MAX);
    }
    UpdateRequest.Builder canonical = request.toBuilder().clearOps();
    ArrayNode iii = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < request.getOpsCount(); i++) {
      canonical.addOps(checkOne(i, request.getOps(i), valueBytesMax, iii));
    }
    try {
      UpdateOps.parse(iii);
    } catch (UpdateOps.MalformedOpException e) {
      throw RejectedRequestException.invalid("malformed update op: " + e.getMessage());
    }
    return canonical.build();
  }

  /** Checks one op, adds its iii form to {@code iii}, and returns it with a compact value. */
  private static UpdateOp checkOne(int index, UpdateOp op, int valueBytesMax, ArrayNode iii) {
    String where = "ops[" + index + "]";
    switch (op.getType()) {
      case SET -> require(op.getPathCount() <= 1 && op.getBy() == 0, where, "set takes at most one path element and no 'by'");
      case INCREMENT, DECREMENT -> require(
          op.getPathCount() <= 1 && !op.hasValueJson(), where, typeName(op) + " takes at most one path element and no value");
      case REMOVE -> require(
          op.getPathCount() <= 1 && !op.hasValueJson() && op.getBy() == 0,
          where, "remove takes at most one path element, no value and no 'by'");
      case MERGE, APPEND -> require(
          op.hasValueJson() && op.getBy() == 0, where, typeName(op) + " requires a value and takes no 'by'");
      default -> throw RejectedRequestException.invalid(
          where + ": op type is unspecified or unknown (" + op.getTypeValue() + ")");
    }
    if (!op.hasValueJson()) {
      iii.add(toIii(op, null));
      return op;
    }
    JsonInput.Checked value = JsonInput.check(where + ".value_json", op.getValueJson(), valueBytesMax);
    iii.add(toIii(op, value.node()));
    return op.toBuilder().setValueJson(value.compact()).build();
  }

  private static void require(boolean holds, String where, String rule) {
    if (!holds) {
      throw RejectedRequestException.invalid(where + ": malformed op: " + rule);
    }
  }

  private static String typeName(UpdateOp op) {
    return op.getType().name().toLowerCase(Locale.ROOT);
  }

  /** The op as iii writes it: {@code {"type", "path", "value"?, "by"?}}. */
  private static ObjectNode toIii(UpdateOp op, JsonNode value) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("type", typeName(op));
    switch (op.getType()) {
      case MERGE, APPEND -> {
        ArrayNode path = node.putArray("path");
        op.getPathList().forEach(path::add);
      }
      default -> node.put("path", op.getPathCount() == 0 ? "" : op.getPath(0));
    }
    if (value != null) {
      node.set("value", value);
    }
    if (op.getType() == UpdateOp.Type.INCREMENT || op.getType() == UpdateOp.Type.DECREMENT) {
      node.put("by", op.getBy());
    }
    return node;
  }
}
