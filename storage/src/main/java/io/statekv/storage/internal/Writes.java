package io.statekv.storage.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.storage.Command;
import io.statekv.storage.Entry;
import io.statekv.storage.Event;
import io.statekv.storage.EventType;
import io.statekv.storage.Failure;
import io.statekv.storage.Json;
import io.statekv.storage.JsonCodec;
import io.statekv.storage.Limits;
import io.statekv.storage.MergePatch;
import io.statekv.storage.Result;
import io.statekv.storage.TxnOp;
import io.statekv.storage.UpdateError;
import io.statekv.storage.UpdateOps;
import java.util.List;
import java.util.function.Supplier;

/**
 * The semantics of the single-key operations: set, update, patch, append, delete, and a txn's get.
 * Each works on the staged view of one log entry, and a failing one leaves nothing behind.
 *
 * <p>Shared rules: an entry expired at the entry's time is invisible; a write that meets one first
 * deletes it (one {@code state:deleted} event with reason {@code expired}) and then finds the key
 * missing. {@code if_revision} is checked against the key as the write finds it. A write without
 * {@code ttl_seconds} keeps the existing expiry, except set, which clears it.
 */
final class Writes {
  private final ApplyContext ctx;

  Writes(ApplyContext ctx) {
    this.ctx = ctx;
  }

  /** Runs {@code body}; if it fails, undoes whatever it staged. */
  Result guarded(Supplier<Result> body) {
    StagedWrites.Mark mark = ctx.staged.mark();
    Result r = body.get();
    if (r instanceof Result.Failed) {
      ctx.staged.rollback(mark);
    }
    return r;
  }

  Result apply(TxnOp op) {
    if (op instanceof Command.Set x) {
      return set(x);
    }
    if (op instanceof Command.Update x) {
      return update(x);
    }
    if (op instanceof Command.Patch x) {
      return patch(x);
    }
    if (op instanceof Command.Append x) {
      return append(x);
    }
    if (op instanceof Command.Delete x) {
      return delete(x);
    }
    return get((TxnOp.Get) op);
  }

  Result set(Command.Set c) {
    Address a = Address.of(c.scope(), c.key());
    return guarded(() -> {
      Entry current = findForWrite(a);
      Result.Failed conflict = checkIfRevision(c.ifRevision(), current);
      if (conflict != null) {
        return conflict;
      }
      long expiresAt = c.ttlSeconds() == Command.NO_TTL ? Entry.NO_EXPIRY : expiryAfter(c.ttlSeconds());
      return store(a, current, c.value(), expiresAt, List.of());
    });
  }

  Result update(Command.Update c) {
    Address a = Address.of(c.scope(), c.key());
    return guarded(() -> {
      Entry current = findForWrite(a);
      Result.Failed conflict = checkIfRevision(c.ifRevision(), current);
      if (conflict != null) {
        return conflict;
      }
      JsonNode before = current == null ? null : storedTree(current);
      if (current != null && before == null) {
        return CommandValidation.invalid("the stored value at " + a + " is not valid JSON");
      }
      UpdateOps.Outcome outcome = UpdateOps.apply(before, c.ops());
      return storeTree(a, current, outcome.value(), c.ttlSeconds(), outcome.errors());
    });
  }

  Result patch(Command.Patch c) {
    Address a = Address.of(c.scope(), c.key());
    return guarded(() -> {
      Entry current = findForWrite(a);
      Result.Failed conflict = checkIfRevision(c.ifRevision(), current);
      if (conflict != null) {
        return conflict;
      }
      JsonNode before = current == null ? null : storedTree(current);
      JsonNode patch = tree(c.patch());
      if ((current != null && before == null) || patch == null) {
        return CommandValidation.invalid("the patch or the stored value at " + a + " is not valid JSON");
      }
      return storeTree(a, current, MergePatch.apply(before, patch), c.ttlSeconds(), List.of());
    });
  }

  Result append(Command.Append c) {
    Address a = Address.of(c.scope(), c.key());
    return guarded(() -> {
      Entry current = findForWrite(a);
      Result.Failed conflict = checkIfRevision(c.ifRevision(), current);
      if (conflict != null) {
        return conflict;
      }
      byte[] existing = current == null ? null : current.value().bytes();
      if (existing != null && existing[0] != '[') {
        return Result.Failed.of(Failure.TYPE_MISMATCH, "the value at " + a + " is not an array");
      }
      if (CompactJsonScanner.depth(c.item().bytes(), Limits.VALUE_DEPTH_MAX - 1) < 0) {
        return CommandValidation.invalid(
            "appending the item would nest more than " + Limits.VALUE_DEPTH_MAX + " levels");
      }
      Json value = Json.ofCompact(JsonArrays.append(existing, c.item().bytes()));
      if (value.size() > ctx.settings.valueBytesMax()) {
        return tooLarge(value.size());
      }
      return store(a, current, value, expiryFor(c.ttlSeconds(), current), List.of());
    });
  }

  Result delete(Command.Delete c) {
    Address a = Address.of(c.scope(), c.key());
    return guarded(() -> {
      Entry current = findForWrite(a);
      Result.Failed conflict = checkIfRevision(c.ifRevision(), current);
      if (conflict != null) {
        return conflict;
      }
      if (current == null) {
        return new Result.Deleted(null, 0);
      }
      ctx.staged.write(a, null);
      ctx.staged.event(
          new Event(ctx.revision, EventType.DELETED, a.scope, a.key, current.value(), null, Event.Reason.WRITE));
      return new Result.Deleted(current.value(), ctx.revision);
    });
  }

  Result get(TxnOp.Get g) {
    return new Result.Read(visible(Address.of(g.scope(), g.key())));
  }

  /** The key's entry as reads see it: null when missing or expired at the entry's time. */
  Entry visible(Address a) {
    Entry e = ctx.staged.read(a);
    return e == null || e.isExpiredAt(ctx.time) ? null : e;
  }

  /** Like {@link #visible}, but an expired entry is deleted first, with its event. */
  private Entry findForWrite(Address a) {
    Entry e = ctx.staged.read(a);
    if (e != null && e.isExpiredAt(ctx.time)) {
      ctx.staged.write(a, null);
      ctx.staged.event(
          new Event(ctx.revision, EventType.DELETED, a.scope, a.key, e.value(), null, Event.Reason.EXPIRED));
      return null;
    }
    return e;
  }

  private Result.Failed checkIfRevision(long ifRevision, Entry current) {
    long currentRevision = current == null ? 0 : current.revision();
    if (ifRevision == Command.ANY_REVISION
        || (ifRevision == 0 && current == null)
        || (ifRevision > 0 && currentRevision == ifRevision)) {
      return null;
    }
    String expected = ifRevision == 0 ? "the key to be absent" : "revision " + ifRevision;
    return new Result.Failed(
        Failure.CONFLICT, "expected " + expected + ", found revision " + currentRevision, currentRevision, -1);
  }

  private Result storeTree(Address a, Entry current, JsonNode tree, long ttlSeconds, List<UpdateError> errors) {
    String tooDeep = CommandValidation.checkResultDepth(tree);
    if (tooDeep != null) {
      return CommandValidation.invalid(tooDeep);
    }
    Json value = Json.of(tree);
    if (value.size() > ctx.settings.valueBytesMax()) {
      return tooLarge(value.size());
    }
    return store(a, current, value, expiryFor(ttlSeconds, current), errors);
  }

  /** Stages the new value of a key found as {@code current}, after checking the quotas. */
  private Result store(Address a, Entry current, Json value, long expiresAt, List<UpdateError> errors) {
    long rev = ctx.revision;
    Entry next =
        current == null
            ? new Entry(a.scope, a.key, value, rev, rev, 1, ctx.time, ctx.time, expiresAt)
            : new Entry(
                a.scope, a.key, value, rev, current.createRevision(), current.version() + 1,
                current.createdAt(), ctx.time, expiresAt);
    Result.Failed quota = checkQuota(a, current, next);
    if (quota != null) {
      return quota;
    }
    Json oldValue = current == null ? null : current.value();
    ctx.staged.write(a, next);
    EventType type = current == null ? EventType.CREATED : EventType.UPDATED;
    ctx.staged.event(new Event(rev, type, a.scope, a.key, oldValue, value, Event.Reason.WRITE));
    return new Result.Written(oldValue, value, next, errors);
  }

  private Result.Failed checkQuota(Address a, Entry current, Entry next) {
    if (current == null && ctx.staged.entries() + 1 > ctx.settings.entriesMax()) {
      return Result.Failed.of(
          Failure.QUOTA_EXCEEDED, "the cluster holds entries_max " + ctx.settings.entriesMax() + " entries");
    }
    long growth = StagedWrites.bytesOf(a, next) - StagedWrites.bytesOf(a, current);
    if (growth > 0 && ctx.staged.bytes() + growth > ctx.settings.stateBytesMax()) {
      return Result.Failed.of(
          Failure.QUOTA_EXCEEDED,
          "the write would take the cluster past state_bytes_max " + ctx.settings.stateBytesMax());
    }
    return null;
  }

  private long expiryFor(long ttlSeconds, Entry current) {
    if (ttlSeconds != Command.NO_TTL) {
      return expiryAfter(ttlSeconds);
    }
    return current == null ? Entry.NO_EXPIRY : current.expiresAt();
  }

  private long expiryAfter(long ttlSeconds) {
    long at = ctx.time + ttlSeconds * 1000;
    return at == Entry.NO_EXPIRY ? 1 : at;
  }

  private Result.Failed tooLarge(int size) {
    return Result.Failed.of(
        Failure.VALUE_TOO_LARGE,
        "the result is " + size + " bytes, more than value_bytes_max " + ctx.settings.valueBytesMax());
  }

  /** The stored value's tree, or null when it cannot be parsed. */
  private static JsonNode storedTree(Entry e) {
    return tree(e.value());
  }

  private static JsonNode tree(Json json) {
    try {
      return json.node();
    } catch (JsonCodec.InvalidJsonException e) {
      return null;
    }
  }
}
