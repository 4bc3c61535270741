package io.statekv.raft.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.google.protobuf.ByteString;
import io.statekv.protocol.v1.AppendRequest;
import io.statekv.protocol.v1.ClientCommand;
import io.statekv.protocol.v1.DeleteRequest;
import io.statekv.protocol.v1.PatchRequest;
import io.statekv.protocol.v1.SetRequest;
import io.statekv.protocol.v1.UpdateRequest;
import io.statekv.storage.Command;
import io.statekv.storage.Failure;
import io.statekv.storage.Json;
import io.statekv.storage.JsonCodec;
import io.statekv.storage.Limits;
import io.statekv.storage.Request;
import io.statekv.storage.Result;
import io.statekv.storage.UpdateOp;
import io.statekv.storage.UpdateOps.MalformedOpException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Turns a {@link ClientCommand} of a log entry into the storage engine's {@link Request}.
 *
 * <p>The conversion is total and deterministic: it reads nothing but its input, and malformed
 * content (a missing value, text that is not JSON, an unknown op type, out-of-range numbers, bad
 * session numbers) becomes an {@code invalid_argument} result, the same on every replica, instead
 * of an exception. The edge should have refused such a command already; this is the second line.
 * Stateless and thread-safe.
 */
final class CommandDecoder {
  private CommandDecoder() {}

  /** The bytes of a client id. */
  static final int CLIENT_ID_BYTES = 16;

  /** The outcome of decoding one command. */
  sealed interface Decoded permits Valid, Invalid {}

  /** A well-formed command, ready for the store. */
  record Valid(Request request) implements Decoded {}

  /** A malformed command, already answered. */
  record Invalid(Result.Failed failure) implements Decoded {}

  static Decoded decode(ClientCommand command) {
    try {
      return new Valid(new Request(session(command), command(command)));
    } catch (BadCommandException e) {
      return invalid(e.getMessage(), e.opIndex);
    } catch (MalformedOpException e) {
      return invalid("malformed update: " + e.getMessage(), -1);
    } catch (JsonCodec.InvalidJsonException e) {
      return invalid(e.getMessage(), -1);
    }
  }

  private static Invalid invalid(String message, int opIndex) {
    return new Invalid(new Result.Failed(Failure.INVALID_ARGUMENT, message, 0, opIndex));
  }

  private static Request.Session session(ClientCommand command) {
    ByteString id = command.getClientId();
    if (id.isEmpty()) {
      return null;
    }
    if (id.size() != CLIENT_ID_BYTES) {
      throw new BadCommandException("client_id must be " + CLIENT_ID_BYTES + " bytes, got " + id.size());
    }
    long seq = command.getSession().getSeq();
    long ackedBelow = command.getSession().getAckedBelow();
    if (seq < 1 || ackedBelow < 0 || ackedBelow > seq) {
      throw new BadCommandException(
          "session numbers out of range: seq=" + Long.toUnsignedString(seq)
              + " acked_below=" + Long.toUnsignedString(ackedBelow));
    }
    ByteBuffer bytes = id.asReadOnlyByteBuffer();
    return new Request.Session(new UUID(bytes.getLong(), bytes.getLong()), seq, ackedBelow);
  }

  private static Command command(ClientCommand command) {
    switch (command.getOpCase()) {
      case SET:
        return set(command.getSet());
      case UPDATE:
        return update(command.getUpdate());
      case PATCH:
        return patch(command.getPatch());
      case APPEND:
        return append(command.getAppend());
      case DELETE:
        return delete(command.getDelete());
      case TXN:
        return TxnDecoder.txn(command.getTxn());
      default:
        throw new BadCommandException("the command carries no operation");
    }
  }

  static Command.Set set(SetRequest r) {
    return new Command.Set(
        r.getScope(), r.getKey(), json("value_json", r.getValueJson()),
        ttl(r.hasTtlSeconds(), r.getTtlSeconds()), ifRevision(r.hasIfRevision(), r.getIfRevision()));
  }

  static Command.Update update(UpdateRequest r) {
    return new Command.Update(
        r.getScope(), r.getKey(), UpdateOpDecoder.ops(r.getOpsList()),
        ttl(r.hasTtlSeconds(), r.getTtlSeconds()), ifRevision(r.hasIfRevision(), r.getIfRevision()));
  }

  static Command.Patch patch(PatchRequest r) {
    return new Command.Patch(
        r.getScope(), r.getKey(), json("patch_json", r.getPatchJson()),
        ttl(r.hasTtlSeconds(), r.getTtlSeconds()), ifRevision(r.hasIfRevision(), r.getIfRevision()));
  }

  static Command.Append append(AppendRequest r) {
    return new Command.Append(
        r.getScope(), r.getKey(), json("item_json", r.getItemJson()),
        ttl(r.hasTtlSeconds(), r.getTtlSeconds()), ifRevision(r.hasIfRevision(), r.getIfRevision()));
  }

  static Command.Delete delete(DeleteRequest r) {
    return new Command.Delete(r.getScope(), r.getKey(), ifRevision(r.hasIfRevision(), r.getIfRevision()));
  }

  /** Parses required JSON text into its compact, canonical form. */
  static Json json(String field, ByteString text) {
    if (text.isEmpty()) {
      throw new BadCommandException(field + " is required");
    }
    return JsonCodec.canonical(text.toByteArray());
  }

  /** Parses optional JSON text; absent means JSON null. */
  static JsonNode optionalNode(boolean present, ByteString text) {
    if (!present) {
      return NullNode.getInstance();
    }
    if (text.isEmpty()) {
      throw new BadCommandException("an empty value_json is not JSON; leave it unset for null");
    }
    return JsonCodec.parse(text.toByteArray());
  }

  /** A uint64 TTL; values past the signed range are refused rather than wrapped. */
  static long ttl(boolean present, long ttlSeconds) {
    if (!present) {
      return Command.NO_TTL;
    }
    if (ttlSeconds < 0) {
      throw new BadCommandException("ttl_seconds out of range: " + Long.toUnsignedString(ttlSeconds));
    }
    return ttlSeconds;
  }

  /** A uint64 if_revision; a huge value must not wrap to "unconditional". */
  static long ifRevision(boolean present, long revision) {
    if (!present) {
      return Command.ANY_REVISION;
    }
    if (revision < 0) {
      throw new BadCommandException("if_revision out of range: " + Long.toUnsignedString(revision));
    }
    return revision;
  }

  /** The iii update ops of a request, in order. */
  static final class UpdateOpDecoder {
    private UpdateOpDecoder() {}

    static List<UpdateOp> ops(List<io.statekv.protocol.v1.UpdateOp> ops) {
      if (ops.size() > Limits.UPDATE_OPS_MAX) {
        throw new BadCommandException(
            ops.size() + " update ops, more than update_ops_max " + Limits.UPDATE_OPS_MAX);
      }
      List<UpdateOp> decoded = new ArrayList<>(ops.size());
      for (int i = 0; i < ops.size(); i++) {
        decoded.add(op(i, ops.get(i)));
      }
      return decoded;
    }

    private static UpdateOp op(int i, io.statekv.protocol.v1.UpdateOp op) {
      try {
        switch (op.getType()) {
          case SET:
            return new UpdateOp.Set(field(i, op), optionalNode(op.hasValueJson(), op.getValueJson()));
          case MERGE:
            return new UpdateOp.Merge(op.getPathList(), requiredNode(i, op));
          case INCREMENT:
            return new UpdateOp.Increment(field(i, op), op.getBy());
          case DECREMENT:
            return new UpdateOp.Decrement(field(i, op), op.getBy());
          case APPEND:
            return new UpdateOp.Append(op.getPathList(), requiredNode(i, op));
          case REMOVE:
            return new UpdateOp.Remove(field(i, op));
          default:
            throw new MalformedOpException(
                i, "unknown op type, expected one of set, merge, increment, decrement, append, remove");
        }
      } catch (JsonCodec.InvalidJsonException | BadCommandException e) {
        throw new MalformedOpException(i, e.getMessage());
      }
    }

    /** set, increment, decrement and remove name one first-level field; none is the root. */
    private static String field(int i, io.statekv.protocol.v1.UpdateOp op) {
      if (op.getPathCount() > 1) {
        throw new MalformedOpException(
            i, "the path of " + op.getType().name().toLowerCase(java.util.Locale.ROOT)
                + " is one first-level field, got " + op.getPathCount() + " segments");
      }
      return op.getPathCount() == 0 ? "" : op.getPath(0);
    }

    private static JsonNode requiredNode(int i, io.statekv.protocol.v1.UpdateOp op) {
      if (!op.hasValueJson()) {
        throw new MalformedOpException(
            i, "missing value for " + op.getType().name().toLowerCase(java.util.Locale.ROOT));
      }
      return optionalNode(true, op.getValueJson());
    }
  }

  /** Malformed command content; carries the failing txn op, or -1. */
  static final class BadCommandException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int opIndex;

    BadCommandException(String message) {
      this(message, -1);
    }

    BadCommandException(String message, int opIndex) {
      super(message, null, false, false);
      this.opIndex = opIndex;
    }
  }
}
