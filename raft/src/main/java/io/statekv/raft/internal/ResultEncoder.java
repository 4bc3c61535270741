package io.statekv.raft.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.statekv.protocol.ErrorCodes;
import io.statekv.protocol.v1.CommandResult;
import io.statekv.protocol.v1.DeleteResponse;
import io.statekv.protocol.v1.Error;
import io.statekv.protocol.v1.GetResponse;
import io.statekv.protocol.v1.TxnOpResult;
import io.statekv.protocol.v1.TxnResponse;
import io.statekv.protocol.v1.UpdateOpError;
import io.statekv.protocol.v1.WriteResponse;
import io.statekv.storage.Entry;
import io.statekv.storage.Json;
import io.statekv.storage.Result;
import io.statekv.storage.UpdateError;

/**
 * Turns the storage engine's {@link Result}s into the protobuf {@link CommandResult}s that the
 * leader hands back to each proposer. Error codes come from the one table ({@link ErrorCodes}).
 * Stateless and thread-safe.
 */
final class ResultEncoder {
  private ResultEncoder() {}

  /**
   * Encodes the result of one client command.
   *
   * @param revision the log index of the entry that carried the command
   * @param duplicate true when the store answered a retry from the client's session
   */
  static CommandResult encode(Result result, boolean duplicate, long revision) {
    CommandResult.Builder b = CommandResult.newBuilder().setDuplicate(duplicate);
    if (result instanceof Result.Written w) {
      b.setWrite(write(w));
    } else if (result instanceof Result.Deleted d) {
      b.setDelete(delete(d));
    } else if (result instanceof Result.TxnDone t) {
      b.setTxn(txn(t, duplicate ? changeRevision(t) : revision));
    } else if (result instanceof Result.Failed f) {
      b.setError(error(f));
    } else {
      throw new IllegalStateException("a client command cannot produce " + result);
    }
    return b.build();
  }

  static Error error(Result.Failed f) {
    ErrorCodes.Row row = ErrorCodes.byWireName(f.failure().wireName());
    if (row == null) {
      throw new IllegalStateException("storage failure " + f.failure() + " has no row in the error table");
    }
    return Error.newBuilder()
        .setCode(row.code())
        .setMessage(f.message() == null ? "" : f.message())
        .setCurrentRevision(f.currentRevision())
        .setOpIndex(f.opIndex())
        .build();
  }

  static WriteResponse write(Result.Written w) {
    WriteResponse.Builder b = WriteResponse.newBuilder()
        .setOldValueJson(bytes(w.oldValue()))
        .setNewValueJson(bytes(w.newValue()))
        .setEntry(entry(w.entry()));
    for (UpdateError e : w.errors()) {
      b.addErrors(UpdateOpError.newBuilder().setOpIndex(e.opIndex()).setCode(e.code()).setMessage(e.message()));
    }
    return b.build();
  }

  static DeleteResponse delete(Result.Deleted d) {
    return DeleteResponse.newBuilder().setOldValueJson(bytes(d.oldValue())).setRevision(d.revision()).build();
  }

  private static TxnResponse txn(Result.TxnDone t, long revision) {
    TxnResponse.Builder b = TxnResponse.newBuilder().setSucceeded(t.succeeded()).setRevision(revision);
    for (Result r : t.results()) {
      TxnOpResult.Builder op = TxnOpResult.newBuilder();
      if (r instanceof Result.Written w) {
        op.setWrite(write(w));
      } else if (r instanceof Result.Deleted d) {
        op.setDelete(delete(d));
      } else if (r instanceof Result.Read read) {
        GetResponse.Builder get = GetResponse.newBuilder().setRevision(revision);
        if (read.entry() != null) {
          get.setEntry(entry(read.entry()));
        }
        op.setGet(get);
      } else {
        throw new IllegalStateException("a txn op cannot produce " + r);
      }
      b.addResults(op);
    }
    return b.build();
  }

  /**
   * The revision of a txn answered from its session: the revision its writes recorded, or 0 when
   * it changed nothing (then no read needs to wait for it).
   */
  private static long changeRevision(Result.TxnDone t) {
    for (Result r : t.results()) {
      if (r instanceof Result.Written w) {
        return w.entry().revision();
      }
      if (r instanceof Result.Deleted d && d.revision() > 0) {
        return d.revision();
      }
    }
    return 0;
  }

  static io.statekv.protocol.v1.Entry entry(Entry e) {
    return io.statekv.protocol.v1.Entry.newBuilder()
        .setScope(e.scope())
        .setKey(e.key())
        .setValueJson(bytes(e.value()))
        .setRevision(e.revision())
        .setCreateRevision(e.createRevision())
        .setVersion(e.version())
        .setCreatedAt(e.createdAt())
        .setUpdatedAt(e.updatedAt())
        .setExpiresAt(e.expiresAt())
        .build();
  }

  /** JSON bytes without a copy: {@link Json} promises its array is never changed. */
  private static ByteString bytes(Json json) {
    return json == null ? ByteString.EMPTY : UnsafeByteOperations.unsafeWrap(json.bytes());
  }
}
