package io.statekv.node.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.google.protobuf.ByteString;
import io.statekv.protocol.v1.UpdateOp.Type;
import io.statekv.storage.JsonCodec;
import io.statekv.storage.UpdateOp;
import io.statekv.storage.UpdateOps;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns iii's {@code ops} array into protocol update ops. The shape is parsed by the storage
 * engine's own parser ({@link UpdateOps#parse}), so the gateway accepts exactly what the engine
 * does; a malformed op rejects the whole request with {@code invalid_argument} and its index.
 */
final class OpsConverter {
  private OpsConverter() {}

  static List<io.statekv.protocol.v1.UpdateOp> convert(JsonNode ops, String where) {
    if (ops == null) {
      throw GatewayException.invalid(where + ".ops is required");
    }
    List<UpdateOp> parsed;
    try {
      parsed = UpdateOps.parse(ops);
    } catch (UpdateOps.MalformedOpException e) {
      throw GatewayException.invalidOp(e.opIndex(), where + ": " + e.getMessage());
    }
    List<io.statekv.protocol.v1.UpdateOp> out = new ArrayList<>(parsed.size());
    for (UpdateOp op : parsed) {
      out.add(toProto(op));
    }
    return out;
  }

  static io.statekv.protocol.v1.UpdateOp toProto(UpdateOp op) {
    var b = io.statekv.protocol.v1.UpdateOp.newBuilder();
    if (op instanceof UpdateOp.Set s) {
      b.setType(Type.SET).addPath(s.field()).setValueJson(json(s.value()));
    } else if (op instanceof UpdateOp.Merge m) {
      b.setType(Type.MERGE).addAllPath(m.path()).setValueJson(json(m.value()));
    } else if (op instanceof UpdateOp.Increment i) {
      b.setType(Type.INCREMENT).addPath(i.field()).setBy(i.by());
    } else if (op instanceof UpdateOp.Decrement d) {
      b.setType(Type.DECREMENT).addPath(d.field()).setBy(d.by());
    } else if (op instanceof UpdateOp.Append a) {
      b.setType(Type.APPEND).addAllPath(a.path()).setValueJson(json(a.value()));
    } else if (op instanceof UpdateOp.Remove r) {
      b.setType(Type.REMOVE).addPath(r.field());
    } else {
      throw new IllegalStateException("unknown update op " + op);
    }
    return b.build();
  }

  private static ByteString json(JsonNode node) {
    return ByteString.copyFrom(JsonCodec.writeCompact(node == null ? NullNode.getInstance() : node));
  }
}
