package io.statekv.storage.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.storage.ClusterSettings;
import io.statekv.storage.Command;
import io.statekv.storage.Compare;
import io.statekv.storage.Failure;
import io.statekv.storage.Json;
import io.statekv.storage.JsonCodec;
import io.statekv.storage.Limits;
import io.statekv.storage.Result;
import io.statekv.storage.TxnOp;
import io.statekv.storage.UpdateOp;
import io.statekv.storage.Validation;
import java.util.List;

/**
 * Apply's own check of every input against the data model. The edge rejects bad input before it
 * reaches the log; this repeats the checks so that whatever a log entry holds, apply answers with
 * a typed failure instead of throwing or storing something the model forbids.
 *
 * <p>Each method returns null when the input is valid, or the failure to answer with.
 */
final class CommandValidation {
  private CommandValidation() {}

  static Result.Failed check(Command c, ClusterSettings s) {
    if (c instanceof Command.Txn t) {
      return checkTxn(t, s);
    }
    if (c instanceof Command.Expire e) {
      return e.max() < 1 || e.max() > Limits.EXPIRE_BATCH_MAX
          ? invalid("expire max must be within [1, " + Limits.EXPIRE_BATCH_MAX + "]: " + e.max())
          : null;
    }
    if (c instanceof Command.ChangeSettings cs) {
      return cs.settings() == null ? invalid("settings are missing") : null;
    }
    return checkOp((TxnOp) c, s);
  }

  /** Checks one write or read that may stand alone or sit in a txn branch. */
  static Result.Failed checkOp(TxnOp op, ClusterSettings s) {
    Result.Failed f = checkAddress(op.scope(), op.key());
    if (f != null) {
      return f;
    }
    if (op instanceof Command.Set x) {
      return firstOf(checkConditions(x.ttlSeconds(), x.ifRevision()), checkValue("value", x.value(), s));
    }
    if (op instanceof Command.Update x) {
      return firstOf(checkConditions(x.ttlSeconds(), x.ifRevision()), checkOps(x.ops()));
    }
    if (op instanceof Command.Patch x) {
      return firstOf(checkConditions(x.ttlSeconds(), x.ifRevision()), checkValue("patch", x.patch(), s));
    }
    if (op instanceof Command.Append x) {
      return firstOf(checkConditions(x.ttlSeconds(), x.ifRevision()), checkValue("item", x.item(), s));
    }
    if (op instanceof Command.Delete x) {
      return checkConditions(Command.NO_TTL, x.ifRevision());
    }
    return null;
  }

  static Result.Failed checkAddress(String scope, String key) {
    if (MapKeys.isPlainAscii(scope, Limits.SCOPE_BYTES_MAX) && MapKeys.isPlainAscii(key, Limits.KEY_BYTES_MAX)) {
      return null;
    }
    String problem = Validation.checkScope(scope);
    if (problem == null) {
      problem = Validation.checkKey(key);
    }
    return problem == null ? null : invalid(problem);
  }

  private static Result.Failed checkConditions(long ttlSeconds, long ifRevision) {
    String problem = Validation.checkTtl(ttlSeconds);
    if (problem == null) {
      problem = Validation.checkIfRevision(ifRevision);
    }
    return problem == null ? null : invalid(problem);
  }

  /** A JSON input: present, within value_bytes_max, compact and well-formed, not too deep. */
  static Result.Failed checkValue(String what, Json value, ClusterSettings s) {
    if (value == null) {
      return invalid(what + " is missing");
    }
    if (value.size() > s.valueBytesMax()) {
      return Result.Failed.of(
          Failure.VALUE_TOO_LARGE,
          what + " is " + value.size() + " bytes, more than value_bytes_max " + s.valueBytesMax());
    }
    String problem = CompactJsonScanner.check(value.bytes(), Limits.VALUE_DEPTH_MAX);
    return problem == null ? null : invalid(what + " is not valid compact JSON: " + problem);
  }

  private static Result.Failed checkOps(List<UpdateOp> ops) {
    if (ops.size() > Limits.UPDATE_OPS_MAX) {
      return invalid("an update holds " + ops.size() + " ops, more than " + Limits.UPDATE_OPS_MAX);
    }
    for (int i = 0; i < ops.size(); i++) {
      String problem = checkOpShape(ops.get(i));
      if (problem != null) {
        return invalid("op " + i + ": " + problem);
      }
    }
    return null;
  }

  private static String checkOpShape(UpdateOp op) {
    if (op instanceof UpdateOp.Set x) {
      return x.field() == null ? "set needs a path" : checkTree(x.value());
    }
    if (op instanceof UpdateOp.Merge x) {
      return checkTree(x.value());
    }
    if (op instanceof UpdateOp.Append x) {
      return checkTree(x.value());
    }
    if (op instanceof UpdateOp.Increment x) {
      return x.field() == null ? "increment needs a path" : null;
    }
    if (op instanceof UpdateOp.Decrement x) {
      return x.field() == null ? "decrement needs a path" : null;
    }
    if (op instanceof UpdateOp.Remove x) {
      return x.field() == null ? "remove needs a path" : null;
    }
    return "unknown op";
  }

  private static String checkTree(JsonNode value) {
    if (value == null) {
      return "value is missing";
    }
    return Validation.checkDepth(value);
  }

  private static Result.Failed checkTxn(Command.Txn t, ClusterSettings s) {
    int total = t.compares().size() + t.then().size() + t.otherwise().size();
    if (total > Limits.TXN_OPS_MAX) {
      return invalid("a txn holds " + total + " compares and ops, more than " + Limits.TXN_OPS_MAX);
    }
    for (int i = 0; i < t.compares().size(); i++) {
      Result.Failed f = checkCompare(t.compares().get(i), s);
      if (f != null) {
        return new Result.Failed(f.failure(), "compares[" + i + "]: " + f.message(), 0, -1);
      }
    }
    Result.Failed f = checkBranch("then", t.then(), s);
    return f != null ? f : checkBranch("else", t.otherwise(), s);
  }

  private static Result.Failed checkBranch(String name, List<TxnOp> ops, ClusterSettings s) {
    for (int i = 0; i < ops.size(); i++) {
      Result.Failed f = checkOp(ops.get(i), s);
      if (f != null) {
        return new Result.Failed(f.failure(), name + "[" + i + "]: " + f.message(), 0, i);
      }
    }
    return null;
  }

  private static Result.Failed checkCompare(Compare c, ClusterSettings s) {
    Result.Failed f = checkAddress(c.scope(), c.key());
    if (f != null) {
      return f;
    }
    if (c.target() == null || c.op() == null) {
      return invalid("a compare needs a target and an op");
    }
    boolean equality = c.op() == Compare.Op.EQUAL || c.op() == Compare.Op.NOT_EQUAL;
    switch (c.target()) {
      case VALUE:
        return equality ? checkValue("compare value", c.value(), s) : invalid("a value compares only for equality");
      case EXISTS:
        return equality && (c.number() == 0 || c.number() == 1)
            ? null
            : invalid("exists takes equal or not_equal and the number 0 or 1");
      case CHANGED_SINCE:
        return equality && c.number() >= 0
            ? null
            : invalid("changed_since takes equal or not_equal and a revision >= 0");
      default:
        return c.number() >= 0 ? null : invalid(c.target().name().toLowerCase() + " compares with a number >= 0");
    }
  }

  private static Result.Failed firstOf(Result.Failed a, Result.Failed b) {
    return a != null ? a : b;
  }

  static Result.Failed invalid(String message) {
    return Result.Failed.of(Failure.INVALID_ARGUMENT, message);
  }

  /** Depth of a tree built by apply, checked before it is stored. */
  static String checkResultDepth(JsonNode node) {
    int depth = JsonCodec.depth(node);
    return depth > Limits.VALUE_DEPTH_MAX
        ? "the result would nest " + depth + " levels, more than " + Limits.VALUE_DEPTH_MAX
        : null;
  }
}
