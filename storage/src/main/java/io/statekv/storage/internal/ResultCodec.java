package io.statekv.storage.internal;

import io.statekv.storage.ClusterSettings;
import io.statekv.storage.Entry;
import io.statekv.storage.Failure;
import io.statekv.storage.Json;
import io.statekv.storage.Limits;
import io.statekv.storage.Result;
import io.statekv.storage.UpdateError;
import java.util.ArrayList;
import java.util.List;

/**
 * A compact binary encoding of {@link Result}, for the responses client sessions cache (and so for
 * snapshots and the state hash). Decoding gives a result equal to the one encoded.
 *
 * <p>Layout: a tag byte, then the fields of that kind. Integers are varints (zig-zag where they
 * may be negative), strings and JSON are length-prefixed, failures are their wire names so that
 * reordering the enum cannot change stored meaning. Format changes go with a new snapshot format
 * version (see {@link SnapshotFormat}).
 */
final class ResultCodec {
  private ResultCodec() {}

  private static final int WRITTEN = 1;
  private static final int DELETED = 2;
  private static final int READ = 3;
  private static final int TXN_DONE = 4;
  private static final int FAILED = 5;
  private static final int EXPIRED = 6;
  private static final int SETTINGS_CHANGED = 7;

  private static final int VALUE_SAME_AS_NEW = 0;
  private static final int VALUE_GIVEN = 1;
  private static final int VALUE_NONE = 2;

  /** The longest message or code a decoder accepts. */
  static final int TEXT_BYTES_MAX = 1 << 20;

  /** A scratch buffer that holds a typical write's result (two values and an entry) without growing. */
  static final int SCRATCH_BYTES = 4096;

  /** The largest scratch buffer kept between results. */
  static final int SCRATCH_BYTES_KEPT = 64 * 1024;

  static byte[] encode(Result r) {
    return encode(r, new BinaryWriter(SCRATCH_BYTES));
  }

  /**
   * Encodes into a reused scratch writer, so that the only allocation is the returned array. The
   * writer must be confined to the caller's thread.
   */
  static byte[] encode(Result r, BinaryWriter scratch) {
    write(scratch.reset(SCRATCH_BYTES_KEPT), r);
    return scratch.toByteArray();
  }

  /** @throws BinaryReader.MalformedException when the bytes are not an encoded result */
  static Result decode(byte[] bytes) {
    BinaryReader r = new BinaryReader(bytes);
    Result result = read(r, true);
    r.expectEnd();
    return result;
  }

  private static void write(BinaryWriter w, Result r) {
    if (r instanceof Result.Written x) {
      w.writeByte(WRITTEN);
      writeJson(w, x.oldValue());
      writeJson(w, x.newValue());
      writeEntry(w, x.entry(), x.newValue());
      w.writeVarLong(x.errors().size());
      for (UpdateError e : x.errors()) {
        w.writeSignedVarLong(e.opIndex()).writeString(e.code()).writeString(e.message());
      }
    } else if (r instanceof Result.Deleted x) {
      w.writeByte(DELETED);
      writeJson(w, x.oldValue());
      w.writeSignedVarLong(x.revision());
    } else if (r instanceof Result.Read x) {
      w.writeByte(READ);
      writeEntry(w, x.entry(), null);
    } else if (r instanceof Result.TxnDone x) {
      w.writeByte(TXN_DONE).writeByte(x.succeeded() ? 1 : 0).writeVarLong(x.results().size());
      for (Result inner : x.results()) {
        write(w, inner);
      }
    } else if (r instanceof Result.Failed x) {
      w.writeByte(FAILED).writeString(x.failure().wireName()).writeString(x.message());
      w.writeSignedVarLong(x.currentRevision()).writeSignedVarLong(x.opIndex());
    } else if (r instanceof Result.Expired x) {
      w.writeByte(EXPIRED).writeVarLong(x.deleted());
    } else if (r instanceof Result.SettingsChanged x) {
      w.writeByte(SETTINGS_CHANGED);
      writeSettings(w, x.settings());
    } else {
      throw new IllegalArgumentException("unknown result kind: " + r);
    }
  }

  private static Result read(BinaryReader r, boolean outermost) {
    int tag = r.readByte();
    switch (tag) {
      case WRITTEN:
        return readWritten(r);
      case DELETED:
        return new Result.Deleted(readJson(r), r.readSignedVarLong());
      case READ:
        return new Result.Read(readEntry(r, null));
      case TXN_DONE:
        if (!outermost) {
          throw new BinaryReader.MalformedException("a txn result inside a txn result");
        }
        boolean succeeded = r.readByte() == 1;
        int n = r.readVarInt(Limits.TXN_OPS_MAX);
        List<Result> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          results.add(read(r, false));
        }
        return new Result.TxnDone(succeeded, results);
      case FAILED:
        return readFailed(r);
      case EXPIRED:
        return new Result.Expired(r.readVarInt(Integer.MAX_VALUE));
      case SETTINGS_CHANGED:
        return new Result.SettingsChanged(readSettings(r));
      default:
        throw new BinaryReader.MalformedException("unknown result tag " + tag);
    }
  }

  private static Result readWritten(BinaryReader r) {
    Json oldValue = readJson(r);
    Json newValue = readJson(r);
    Entry entry = readEntry(r, newValue);
    int n = r.readVarInt(Limits.UPDATE_OPS_MAX);
    List<UpdateError> errors = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int opIndex = (int) r.readSignedVarLong();
      errors.add(new UpdateError(opIndex, r.readString(TEXT_BYTES_MAX), r.readString(TEXT_BYTES_MAX)));
    }
    return new Result.Written(oldValue, newValue, entry, errors);
  }

  private static Result readFailed(BinaryReader r) {
    String name = r.readString(64);
    Failure failure = null;
    for (Failure f : Failure.values()) {
      if (f.wireName().equals(name)) {
        failure = f;
      }
    }
    if (failure == null) {
      throw new BinaryReader.MalformedException("unknown failure '" + name + "'");
    }
    String message = r.readString(TEXT_BYTES_MAX);
    return new Result.Failed(failure, message, r.readSignedVarLong(), (int) r.readSignedVarLong());
  }

  private static void writeJson(BinaryWriter w, Json j) {
    if (j == null) {
      w.writeVarLong(0);
    } else {
      w.writeBytes(j.bytes());
    }
  }

  private static Json readJson(BinaryReader r) {
    byte[] b = r.readBytes(Limits.VALUE_BYTES_MAX_CEILING);
    return b.length == 0 ? null : Json.ofCompact(b);
  }

  /** An entry or null; its value is left out when it is the same object as {@code newValue}. */
  private static void writeEntry(BinaryWriter w, Entry e, Json newValue) {
    if (e == null) {
      w.writeByte(0);
      return;
    }
    w.writeByte(1).writeString(e.scope()).writeString(e.key());
    w.writeSignedVarLong(e.revision()).writeSignedVarLong(e.createRevision()).writeSignedVarLong(e.version());
    w.writeSignedVarLong(e.createdAt()).writeSignedVarLong(e.updatedAt()).writeSignedVarLong(e.expiresAt());
    if (e.value() == null) {
      w.writeByte(VALUE_NONE);
    } else if (e.value() == newValue) {
      w.writeByte(VALUE_SAME_AS_NEW);
    } else {
      w.writeByte(VALUE_GIVEN);
      writeJson(w, e.value());
    }
  }

  private static Entry readEntry(BinaryReader r, Json newValue) {
    if (r.readByte() == 0) {
      return null;
    }
    String scope = r.readString(Limits.SCOPE_BYTES_MAX);
    String key = r.readString(Limits.KEY_BYTES_MAX);
    long revision = r.readSignedVarLong();
    long createRevision = r.readSignedVarLong();
    long version = r.readSignedVarLong();
    long createdAt = r.readSignedVarLong();
    long updatedAt = r.readSignedVarLong();
    long expiresAt = r.readSignedVarLong();
    int valueKind = r.readByte();
    Json value;
    if (valueKind == VALUE_SAME_AS_NEW && newValue != null) {
      value = newValue;
    } else if (valueKind == VALUE_GIVEN) {
      value = readJson(r);
    } else if (valueKind == VALUE_NONE) {
      value = null;
    } else {
      throw new BinaryReader.MalformedException("bad entry value kind " + valueKind);
    }
    return new Entry(scope, key, value, revision, createRevision, version, createdAt, updatedAt, expiresAt);
  }

  static void writeSettings(BinaryWriter w, ClusterSettings s) {
    w.writeVarLong(s.valueBytesMax()).writeVarLong(s.entriesMax()).writeVarLong(s.stateBytesMax());
    w.writeVarLong(s.sessionsMax()).writeVarLong(s.sessionTtlMillis());
  }

  static ClusterSettings readSettings(BinaryReader r) {
    try {
      return new ClusterSettings(
          r.readVarInt(Integer.MAX_VALUE),
          r.readVarLong(),
          r.readVarLong(),
          r.readVarInt(Integer.MAX_VALUE),
          r.readVarLong());
    } catch (IllegalArgumentException e) {
      throw new BinaryReader.MalformedException("invalid settings: " + e.getMessage());
    }
  }
}
