package io.statekv.node.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.statekv.protocol.v1.Compare;
import io.statekv.protocol.v1.GetRequest;
import io.statekv.protocol.v1.TxnOp;
import io.statekv.protocol.v1.TxnRequest;
import io.statekv.storage.JsonCodec;
import java.util.Locale;

/**
 * Reads a txn body (our own shape; see docs/api.md):
 *
 * <pre>
 * {"compares": [{"scope": "s", "key": "k", "target": "revision", "op": "equal", "value": 7}],
 *  "then": [{"op": "set", "scope": "s", "key": "k", "value": 1}],
 *  "else": [{"op": "get", "scope": "s", "key": "k"}]}
 * </pre>
 *
 * Each op of {@code then} and {@code else} takes the fields of its own endpoint, plus {@code op}.
 */
final class TxnRequests {
  private TxnRequests() {}

  static TxnRequest txn(JsonNode body) {
    JsonFields f = JsonFields.of(body, "txn");
    JsonNode compares = f.node("compares");
    JsonNode then = f.node("then");
    JsonNode otherwise = f.node("else");
    f.finish();
    var b = TxnRequest.newBuilder();
    forEach(compares, "compares", (node, where) -> b.addCompares(compare(node, where)));
    forEach(then, "then", (node, where) -> b.addThen(op(node, where)));
    forEach(otherwise, "else", (node, where) -> b.addElse(op(node, where)));
    return b.build();
  }

  private interface ItemReader {
    void read(JsonNode node, String where);
  }

  private static void forEach(JsonNode array, String name, ItemReader reader) {
    if (array == null || array.isNull()) {
      return;
    }
    if (!array.isArray()) {
      throw GatewayException.invalid("txn." + name + " must be an array, got " + JsonFields.typeName(array));
    }
    for (int i = 0; i < array.size(); i++) {
      reader.read(array.get(i), name + "[" + i + "]");
    }
  }

  static Compare compare(JsonNode node, String where) {
    JsonFields f = JsonFields.of(node, where);
    var b = Compare.newBuilder().setScope(f.requiredString("scope")).setKey(f.requiredString("key"));
    String target = f.requiredString("target").toLowerCase(Locale.ROOT);
    String op = f.optionalString("op", "equal").toLowerCase(Locale.ROOT);
    b.setOp(switch (op) {
      case "equal" -> Compare.Op.EQUAL;
      case "not_equal" -> Compare.Op.NOT_EQUAL;
      case "greater" -> Compare.Op.GREATER;
      case "less" -> Compare.Op.LESS;
      default -> throw f.fail("op", "must be equal, not_equal, greater or less, got '" + op + "'");
    });
    JsonNode value = f.node("value");
    f.finish();
    if (value == null) {
      throw f.fail("value", "is required");
    }
    switch (target) {
      case "value" -> b.setTarget(Compare.Target.VALUE).setValueJson(ByteString.copyFrom(JsonCodec.writeCompact(value)));
      case "revision" -> b.setTarget(Compare.Target.REVISION).setNumber(number(f, value));
      case "create_revision" -> b.setTarget(Compare.Target.CREATE_REVISION).setNumber(number(f, value));
      case "version" -> b.setTarget(Compare.Target.VERSION).setNumber(number(f, value));
      case "changed_since" -> b.setTarget(Compare.Target.CHANGED_SINCE).setNumber(number(f, value));
      case "exists" -> {
        if (!value.isBoolean()) {
          throw f.fail("value", "must be true or false for target exists");
        }
        b.setTarget(Compare.Target.EXISTS).setNumber(value.booleanValue() ? 1 : 0);
      }
      default -> throw f.fail("target", "must be value, revision, create_revision, version, exists or changed_since, got '" + target + "'");
    }
    return b.build();
  }

  private static long number(JsonFields f, JsonNode value) {
    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
      throw f.fail("value", "must be a non-negative integer for this target, got " + value);
    }
    return value.longValue();
  }

  static TxnOp op(JsonNode node, String where) {
    JsonFields f = JsonFields.of(node, where);
    String op = f.requiredString("op");
    ObjectNode rest = JsonNodeFactory.instance.objectNode();
    rest.setAll((ObjectNode) node);
    rest.remove("op");
    String inner = where + " (" + op + ")";
    var b = TxnOp.newBuilder();
    switch (op) {
      case "set" -> b.setSet(GatewayRequests.set(rest, inner));
      case "update" -> b.setUpdate(GatewayRequests.update(rest, inner));
      case "patch" -> b.setPatch(GatewayRequests.patch(rest, inner));
      case "append" -> b.setAppend(GatewayRequests.append(rest, inner));
      case "delete" -> b.setDelete(GatewayRequests.delete(rest, inner));
      case "get" -> b.setGet(get(rest, inner));
      default -> throw f.fail("op", "must be set, update, patch, append, delete or get, got '" + op + "'");
    }
    return b.build();
  }

  /** A get inside a txn reads the state the txn sees: it takes no consistency of its own. */
  private static GetRequest get(JsonNode node, String where) {
    JsonFields f = JsonFields.of(node, where);
    var b = GetRequest.newBuilder().setScope(f.requiredString("scope")).setKey(f.requiredString("key"));
    f.finish();
    return b.build();
  }
}
