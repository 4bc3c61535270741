package io.statekv.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.statekv.client.Compare;
import io.statekv.client.StateKvClient;
import io.statekv.client.Txn;
import io.statekv.client.TxnOp;
import io.statekv.client.UpdateOp;
import io.statekv.client.WriteOptions;
import io.statekv.node.http.internal.JsonRequests;
import io.statekv.protocol.v1.TxnRequest;
import io.statekv.storage.JsonCodec;
import java.util.List;

/**
 * Builds client requests from the JSON the command line takes: ops and txns are read by the HTTP
 * gateway's own readers (one JSON shape everywhere), then mapped onto the client's types.
 */
final class ClientRequests {
  private ClientRequests() {}

  static List<UpdateOp> ops(JsonNode ops) {
    return JsonRequests.ops(ops).stream().map(ClientRequests::op).toList();
  }

  private static UpdateOp op(io.statekv.protocol.v1.UpdateOp p) {
    UpdateOp.Type type = UpdateOp.Type.valueOf(p.getType().name());
    return new UpdateOp(type, p.getPathList(), p.hasValueJson() ? tree(p.getValueJson()) : null, p.getBy());
  }

  /** A txn ready to commit, from the JSON of {@code POST /v1/state/txn}. */
  static Txn txn(StateKvClient client, JsonNode body) {
    TxnRequest t = JsonRequests.txn(body);
    Txn txn = client.txn();
    t.getComparesList().forEach(c -> txn.when(new Compare(c.getScope(), c.getKey(),
        Compare.Target.valueOf(c.getTarget().name()), Compare.Op.valueOf(c.getOp().name()),
        c.getValueJson().isEmpty() ? null : tree(c.getValueJson()), c.getNumber())));
    t.getThenList().forEach(op -> txn.then(op(op)));
    t.getElseList().forEach(op -> txn.otherwise(op(op)));
    return txn;
  }

  private static TxnOp op(io.statekv.protocol.v1.TxnOp op) {
    return switch (op.getOpCase()) {
      case SET -> new TxnOp.Set(op.getSet().getScope(), op.getSet().getKey(), tree(op.getSet().getValueJson()),
          options(op.getSet().hasTtlSeconds(), op.getSet().getTtlSeconds(), op.getSet().hasIfRevision(), op.getSet().getIfRevision()));
      case UPDATE -> new TxnOp.Update(op.getUpdate().getScope(), op.getUpdate().getKey(),
          op.getUpdate().getOpsList().stream().map(ClientRequests::op).toList(),
          options(op.getUpdate().hasTtlSeconds(), op.getUpdate().getTtlSeconds(), op.getUpdate().hasIfRevision(), op.getUpdate().getIfRevision()));
      case PATCH -> new TxnOp.Patch(op.getPatch().getScope(), op.getPatch().getKey(), tree(op.getPatch().getPatchJson()),
          options(op.getPatch().hasTtlSeconds(), op.getPatch().getTtlSeconds(), op.getPatch().hasIfRevision(), op.getPatch().getIfRevision()));
      case APPEND -> new TxnOp.Append(op.getAppend().getScope(), op.getAppend().getKey(), tree(op.getAppend().getItemJson()),
          options(op.getAppend().hasTtlSeconds(), op.getAppend().getTtlSeconds(), op.getAppend().hasIfRevision(), op.getAppend().getIfRevision()));
      case DELETE -> new TxnOp.Delete(op.getDelete().getScope(), op.getDelete().getKey(),
          options(false, 0, op.getDelete().hasIfRevision(), op.getDelete().getIfRevision()));
      case GET -> new TxnOp.Get(op.getGet().getScope(), op.getGet().getKey());
      case OP_NOT_SET -> throw new IllegalArgumentException("a txn op without a kind");
    };
  }

  static WriteOptions options(boolean hasTtl, long ttl, boolean hasIfRevision, long ifRevision) {
    return new WriteOptions(hasTtl ? ttl : 0, hasIfRevision ? ifRevision : WriteOptions.ANY_REVISION);
  }

  private static JsonNode tree(ByteString json) {
    return JsonCodec.parse(json.toByteArray());
  }
}
