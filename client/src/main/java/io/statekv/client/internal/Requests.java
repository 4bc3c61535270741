package io.statekv.client.internal;

import io.statekv.client.Compare;
import io.statekv.client.ListOptions;
import io.statekv.client.ReadOptions;
import io.statekv.client.SettingsChange;
import io.statekv.client.TxnOp;
import io.statekv.client.UpdateOp;
import io.statekv.client.WriteOptions;
import io.statekv.protocol.v1.AppendRequest;
import io.statekv.protocol.v1.Consistency;
import io.statekv.protocol.v1.DeleteRequest;
import io.statekv.protocol.v1.GetRequest;
import io.statekv.protocol.v1.ListGroupsRequest;
import io.statekv.protocol.v1.ListRequest;
import io.statekv.protocol.v1.Member;
import io.statekv.protocol.v1.PatchRequest;
import io.statekv.protocol.v1.SetRequest;
import io.statekv.protocol.v1.SettingsRequest;
import io.statekv.protocol.v1.TxnRequest;
import io.statekv.protocol.v1.UpdateRequest;
import java.util.List;
import java.util.Objects;

/** Builds wire requests from the API's arguments. Stateless and thread-safe. */
final class Requests {
  private Requests() {}

  static Consistency consistency(io.statekv.client.Consistency consistency) {
    return switch (consistency) {
      case LINEARIZABLE -> Consistency.LINEARIZABLE;
      case LEASE -> Consistency.LEASE;
      case SERIALIZABLE -> Consistency.SERIALIZABLE;
    };
  }

  static GetRequest get(String scope, String key, ReadOptions options) {
    return GetRequest.newBuilder()
        .setScope(Objects.requireNonNull(scope, "scope"))
        .setKey(Objects.requireNonNull(key, "key"))
        .setConsistency(consistency(options.consistency()))
        .setMinRevision(options.minRevision())
        .build();
  }

  static ListRequest list(String scope, ListOptions options) {
    return ListRequest.newBuilder()
        .setScope(Objects.requireNonNull(scope, "scope"))
        .setPrefix(options.prefix())
        .setLimit(options.limit())
        .setAfter(options.after())
        .setKeysOnly(options.keysOnly())
        .setConsistency(consistency(options.read().consistency()))
        .setMinRevision(options.read().minRevision())
        .build();
  }

  static ListGroupsRequest listGroups(ReadOptions options) {
    return ListGroupsRequest.newBuilder()
        .setConsistency(consistency(options.consistency()))
        .setMinRevision(options.minRevision())
        .build();
  }

  static SetRequest set(String scope, String key, Object value, WriteOptions options) {
    SetRequest.Builder set = SetRequest.newBuilder()
        .setScope(Objects.requireNonNull(scope, "scope"))
        .setKey(Objects.requireNonNull(key, "key"))
        .setValueJson(JsonValues.bytes(JsonValues.toTree(value)));
    if (options.hasTtl()) {
      set.setTtlSeconds(options.ttlSeconds());
    }
    if (options.hasCondition()) {
      set.setIfRevision(options.ifRevision());
    }
    return set.build();
  }

  static UpdateRequest update(String scope, String key, List<UpdateOp> ops, WriteOptions options) {
    UpdateRequest.Builder update = UpdateRequest.newBuilder()
        .setScope(Objects.requireNonNull(scope, "scope"))
        .setKey(Objects.requireNonNull(key, "key"));
    for (UpdateOp op : ops) {
      update.addOps(updateOp(op));
    }
    if (options.hasTtl()) {
      update.setTtlSeconds(options.ttlSeconds());
    }
    if (options.hasCondition()) {
      update.setIfRevision(options.ifRevision());
    }
    return update.build();
  }

  private static io.statekv.protocol.v1.UpdateOp updateOp(UpdateOp op) {
    io.statekv.protocol.v1.UpdateOp.Builder out = io.statekv.protocol.v1.UpdateOp.newBuilder()
        .setType(io.statekv.protocol.v1.UpdateOp.Type.valueOf(op.type().name()))
        .setBy(op.by());
    // A field op on the root ("") travels without a path element, as the protocol defines it.
    boolean fieldOp = op.type() != UpdateOp.Type.MERGE && op.type() != UpdateOp.Type.APPEND;
    if (!(fieldOp && op.path().size() == 1 && op.path().get(0).isEmpty())) {
      out.addAllPath(op.path());
    }
    if (op.value() != null) {
      out.setValueJson(JsonValues.bytes(op.value()));
    }
    return out.build();
  }

  static PatchRequest patch(String scope, String key, Object patch, WriteOptions options) {
    PatchRequest.Builder out = PatchRequest.newBuilder()
        .setScope(Objects.requireNonNull(scope, "scope"))
        .setKey(Objects.requireNonNull(key, "key"))
        .setPatchJson(JsonValues.bytes(JsonValues.toTree(patch)));
    if (options.hasTtl()) {
      out.setTtlSeconds(options.ttlSeconds());
    }
    if (options.hasCondition()) {
      out.setIfRevision(options.ifRevision());
    }
    return out.build();
  }

  static AppendRequest append(String scope, String key, Object item, WriteOptions options) {
    AppendRequest.Builder out = AppendRequest.newBuilder()
        .setScope(Objects.requireNonNull(scope, "scope"))
        .setKey(Objects.requireNonNull(key, "key"))
        .setItemJson(JsonValues.bytes(JsonValues.toTree(item)));
    if (options.hasTtl()) {
      out.setTtlSeconds(options.ttlSeconds());
    }
    if (options.hasCondition()) {
      out.setIfRevision(options.ifRevision());
    }
    return out.build();
  }

  static DeleteRequest delete(String scope, String key, WriteOptions options) {
    if (options.hasTtl()) {
      throw new IllegalArgumentException("a delete takes no TTL");
    }
    DeleteRequest.Builder out = DeleteRequest.newBuilder()
        .setScope(Objects.requireNonNull(scope, "scope"))
        .setKey(Objects.requireNonNull(key, "key"));
    if (options.hasCondition()) {
      out.setIfRevision(options.ifRevision());
    }
    return out.build();
  }

  static TxnRequest txn(List<Compare> compares, List<TxnOp> then, List<TxnOp> otherwise) {
    TxnRequest.Builder out = TxnRequest.newBuilder();
    compares.forEach(c -> out.addCompares(compare(c)));
    then.forEach(op -> out.addThen(txnOp(op)));
    otherwise.forEach(op -> out.addElse(txnOp(op)));
    return out.build();
  }

  private static io.statekv.protocol.v1.Compare compare(Compare compare) {
    io.statekv.protocol.v1.Compare.Builder out = io.statekv.protocol.v1.Compare.newBuilder()
        .setScope(compare.scope())
        .setKey(compare.key())
        .setTarget(io.statekv.protocol.v1.Compare.Target.valueOf(compare.target().name()))
        .setOp(io.statekv.protocol.v1.Compare.Op.valueOf(compare.op().name()))
        .setNumber(compare.number());
    if (compare.value() != null) {
      out.setValueJson(JsonValues.bytes(compare.value()));
    }
    return out.build();
  }

  private static io.statekv.protocol.v1.TxnOp txnOp(TxnOp op) {
    io.statekv.protocol.v1.TxnOp.Builder out = io.statekv.protocol.v1.TxnOp.newBuilder();
    if (op instanceof TxnOp.Set set) {
      out.setSet(set(set.scope(), set.key(), set.value(), set.options()));
    } else if (op instanceof TxnOp.Update update) {
      out.setUpdate(update(update.scope(), update.key(), update.ops(), update.options()));
    } else if (op instanceof TxnOp.Patch patch) {
      out.setPatch(patch(patch.scope(), patch.key(), patch.patch(), patch.options()));
    } else if (op instanceof TxnOp.Append append) {
      out.setAppend(append(append.scope(), append.key(), append.item(), append.options()));
    } else if (op instanceof TxnOp.Delete delete) {
      out.setDelete(delete(delete.scope(), delete.key(), delete.options()));
    } else if (op instanceof TxnOp.Get get) {
      out.setGet(GetRequest.newBuilder().setScope(get.scope()).setKey(get.key()));
    }
    return out.build();
  }

  static Member member(io.statekv.client.Member member) {
    return Member.newBuilder()
        .setId(member.id())
        .setRaftAddress(member.raftAddress())
        .setClientAddress(member.clientAddress())
        .setHttpAddress(member.httpAddress() == null ? "" : member.httpAddress())
        .build();
  }

  static SettingsRequest settings(SettingsChange change) {
    SettingsRequest.Builder out = SettingsRequest.newBuilder();
    change.valueBytesMax().ifPresent(v -> out.setValueBytesMax(Math.toIntExact(v)));
    change.entriesMax().ifPresent(out::setEntriesMax);
    change.stateBytesMax().ifPresent(out::setStateBytesMax);
    change.sessionsMax().ifPresent(v -> out.setSessionsMax(Math.toIntExact(v)));
    change.sessionTtlMillis().ifPresent(out::setSessionTtlMillis);
    return out.build();
  }
}
