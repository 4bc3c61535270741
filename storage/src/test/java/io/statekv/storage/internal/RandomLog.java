package io.statekv.storage.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.statekv.storage.ClusterSettings;
import io.statekv.storage.Command;
import io.statekv.storage.Compare;
import io.statekv.storage.Json;
import io.statekv.storage.Request;
import io.statekv.storage.TxnOp;
import io.statekv.storage.UpdateOp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A seeded generator of log entries that exercises every command kind: many scopes and keys with
 * shared prefixes, TTLs, conditions, txns, expiry, settings changes, bad input, client sessions
 * with retries, acknowledgements and out-of-order numbers, and stamps that sometimes go back.
 */
final class RandomLog {
  /** Command kinds the generator may use. */
  enum Kind {
    SET,
    APPEND,
    DELETE,
    UPDATE,
    PATCH,
    TXN,
    EXPIRE,
    SETTINGS,
    INVALID
  }

  /** Everything but update and patch, whose implementations live apart from the store. */
  static final EnumSet<Kind> STORE_KINDS = EnumSet.complementOf(EnumSet.of(Kind.UPDATE, Kind.PATCH));

  /** One log entry. */
  record LogEntry(long revision, long stamp, List<Request> requests) {}

  private static final String[] SCOPES = {"app", "app2", "ap", "_sys", "\u00e9t\u00e9", "z"};
  private static final String[] KEYS = {
    "user/1", "user/10", "user/2", "user", "users", "u", "cfg", "cfg/a", "cfg/b", "\uD83D\uDE00", "\uE000", "k"
  };
  private static final int CLIENTS = 4;

  private final SplittableRandom rnd;
  private final EnumSet<Kind> kinds;
  private final UUID[] clients = new UUID[CLIENTS];
  private final long[] nextSeq = new long[CLIENTS];
  private final List<List<Request>> sent = new ArrayList<>();
  private final List<List<Long>> skipped = new ArrayList<>();
  private long revision;
  private long stamp = StoreHarness.START_MILLIS;

  RandomLog(long seed, EnumSet<Kind> kinds) {
    this.rnd = new SplittableRandom(seed);
    this.kinds = kinds;
    for (int i = 0; i < CLIENTS; i++) {
      clients[i] = new UUID(rnd.nextLong(), rnd.nextLong());
      nextSeq[i] = 1;
      sent.add(new ArrayList<>());
      skipped.add(new ArrayList<>());
    }
  }

  LogEntry next() {
    revision += 1 + (rnd.nextInt(10) == 0 ? rnd.nextInt(3) : 0);
    stamp += rnd.nextInt(8) == 0 ? -rnd.nextInt(5_000) : rnd.nextInt(2_000);
    int n = rnd.nextInt(10) == 0 ? 0 : 1 + rnd.nextInt(rnd.nextInt(4) == 0 ? 8 : 2);
    List<Request> requests = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      requests.add(request());
    }
    return new LogEntry(revision, stamp, requests);
  }

  private Request request() {
    if (rnd.nextInt(3) != 0) {
      return new Request(null, command());
    }
    int c = rnd.nextInt(CLIENTS);
    List<Request> history = sent.get(c);
    if (!history.isEmpty() && rnd.nextInt(4) == 0) {
      int recent = Math.min(history.size(), rnd.nextInt(8) == 0 ? history.size() : 6);
      return history.get(history.size() - 1 - rnd.nextInt(recent));
    }
    List<Long> skippedByClient = skipped.get(c);
    long seq;
    if (!skippedByClient.isEmpty() && rnd.nextInt(3) == 0) {
      seq = skippedByClient.remove(rnd.nextInt(skippedByClient.size()));
    } else if (rnd.nextInt(6) == 0) {
      skippedByClient.add(nextSeq[c]);
      seq = nextSeq[c] + 1;
      nextSeq[c] += 2;
    } else {
      seq = nextSeq[c]++;
    }
    long ackedBelow = Math.max(0, seq - 5 - rnd.nextInt(30));
    Request r = new Request(new Request.Session(clients[c], seq, ackedBelow), command());
    history.add(r);
    return r;
  }

  private Command command() {
    while (true) {
      Kind kind = Kind.values()[rnd.nextInt(Kind.values().length)];
      if (kinds.contains(kind) && (kind != Kind.SETTINGS || rnd.nextInt(10) == 0)) {
        return command(kind);
      }
    }
  }

  private Command command(Kind kind) {
    switch (kind) {
      case TXN:
        return txn();
      case EXPIRE:
        return new Command.Expire(1 + rnd.nextInt(4));
      case SETTINGS:
        return new Command.ChangeSettings(
            new ClusterSettings(
                1 << (16 + rnd.nextInt(5)), 20 + rnd.nextInt(200), 1L << (20 + rnd.nextInt(6)),
                1 + rnd.nextInt(5), 1_000 + rnd.nextInt(20_000)));
      case INVALID:
        return new Command.Set(scope(), rnd.nextBoolean() ? "" : "bad\u0001key", value(), Command.NO_TTL, -1);
      default:
        return (Command) op(kind);
    }
  }

  private TxnOp op(Kind kind) {
    String scope = scope();
    String key = key();
    long ttl = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(8) : Command.NO_TTL;
    long ifRevision = ifRevision();
    switch (kind) {
      case SET:
        return new Command.Set(scope, key, value(), ttl, ifRevision);
      case APPEND:
        return new Command.Append(scope, key, value(), ttl, ifRevision);
      case DELETE:
        return new Command.Delete(scope, key, ifRevision);
      case UPDATE:
        return new Command.Update(scope, key, updateOps(), ttl, ifRevision);
      case PATCH:
        return new Command.Patch(scope, key, object(), ttl, ifRevision);
      default:
        return new TxnOp.Get(scope, key);
    }
  }

  private Command.Txn txn() {
    List<Compare> compares = new ArrayList<>();
    for (int i = rnd.nextInt(3); i > 0; i--) {
      compares.add(compare());
    }
    return new Command.Txn(compares, txnOps(), txnOps());
  }

  private List<TxnOp> txnOps() {
    List<TxnOp> ops = new ArrayList<>();
    for (int i = rnd.nextInt(5); i > 0; i--) {
      Kind kind = Kind.values()[rnd.nextInt(5)];
      ops.add(rnd.nextInt(5) == 0 || !kinds.contains(kind) ? op(Kind.TXN) : op(kind));
    }
    return ops;
  }

  private Compare compare() {
    Compare.Target target = Compare.Target.values()[rnd.nextInt(Compare.Target.values().length)];
    switch (target) {
      case VALUE:
        return new Compare(scope(), key(), target, rnd.nextBoolean() ? Compare.Op.EQUAL : Compare.Op.NOT_EQUAL, value(), 0);
      case EXISTS:
        return new Compare(scope(), key(), target, Compare.Op.EQUAL, null, rnd.nextInt(2));
      case CHANGED_SINCE:
        return new Compare(scope(), key(), target, Compare.Op.EQUAL, null, Math.max(0, revision - rnd.nextInt(20)));
      default:
        Compare.Op op = Compare.Op.values()[rnd.nextInt(Compare.Op.values().length)];
        return new Compare(scope(), key(), target, op, null, rnd.nextInt(4) == 0 ? 0 : Math.max(0, revision - rnd.nextInt(10)));
    }
  }

  private long ifRevision() {
    switch (rnd.nextInt(6)) {
      case 0:
        return 0;
      case 1:
        return Math.max(1, revision - rnd.nextInt(8));
      default:
        return Command.ANY_REVISION;
    }
  }

  private List<UpdateOp> updateOps() {
    List<UpdateOp> ops = new ArrayList<>();
    JsonNodeFactory f = JsonNodeFactory.instance;
    for (int i = 1 + rnd.nextInt(3); i > 0; i--) {
      String field = rnd.nextInt(5) == 0 ? "" : "f" + rnd.nextInt(3);
      switch (rnd.nextInt(6)) {
        case 0 -> ops.add(new UpdateOp.Set(field, f.numberNode(rnd.nextInt(100))));
        case 1 -> ops.add(new UpdateOp.Merge(List.of(), f.objectNode().put("m" + rnd.nextInt(3), rnd.nextInt(9))));
        case 2 -> ops.add(new UpdateOp.Increment(field, rnd.nextInt(5)));
        case 3 -> ops.add(new UpdateOp.Decrement(field, rnd.nextInt(5)));
        case 4 -> ops.add(new UpdateOp.Append(List.of("list"), f.numberNode(rnd.nextInt(9))));
        default -> ops.add(new UpdateOp.Remove(field));
      }
    }
    return ops;
  }

  private String scope() {
    return SCOPES[rnd.nextInt(SCOPES.length)];
  }

  private String key() {
    String k = KEYS[rnd.nextInt(KEYS.length)];
    return rnd.nextInt(4) == 0 ? k + rnd.nextInt(30) : k;
  }

  private Json value() {
    switch (rnd.nextInt(12)) {
      case 0:
        return Json.parse(Integer.toString(rnd.nextInt(1000)));
      case 1:
        return Json.parse("\"s" + rnd.nextInt(50) + "\"");
      case 2:
        return Json.parse("[" + rnd.nextInt(5) + ",{\"a\":" + rnd.nextBoolean() + "}]");
      case 3:
        return Json.parse(rnd.nextBoolean() ? "[]" : "null");
      case 4:
        return rnd.nextInt(20) == 0 ? big() : Json.parse("2.5e" + rnd.nextInt(5));
      default:
        return object();
    }
  }

  private Json object() {
    return Json.parse("{\"a\":" + rnd.nextInt(10) + ",\"b\":" + (rnd.nextBoolean() ? "null" : "\"x\"") + "}");
  }

  /** A value of two or more pieces. */
  private Json big() {
    byte[] b = new byte[EntryCodec.PIECE_BYTES + 1 + rnd.nextInt(EntryCodec.PIECE_BYTES)];
    java.util.Arrays.fill(b, (byte) ('a' + rnd.nextInt(26)));
    b[0] = '"';
    b[b.length - 1] = '"';
    return Json.ofCompact(new String(b, StandardCharsets.US_ASCII).getBytes(StandardCharsets.UTF_8));
  }
}
