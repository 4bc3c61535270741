package io.statekv.storage.internal;

import io.statekv.storage.ApplyOutput;
import io.statekv.storage.ClusterSettings;
import io.statekv.storage.Command;
import io.statekv.storage.Entry;
import io.statekv.storage.Event;
import io.statekv.storage.Json;
import io.statekv.storage.Request;
import io.statekv.storage.Result;
import io.statekv.storage.StateStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Drives a real store one log entry at a time, with a revision counter and a settable clock. */
final class StoreHarness implements AutoCloseable {
  static final long START_MILLIS = 1_700_000_000_000L;

  final StateStore store;
  long revision;
  long stamp = START_MILLIS;

  StoreHarness() {
    this(StateStore.create());
  }

  StoreHarness(StateStore store) {
    this.store = store;
    this.revision = store.appliedRevision();
  }

  static StoreHarness withSettings(ClusterSettings settings) {
    return new StoreHarness(ChronicleStateStore.createEmpty(settings));
  }

  static Json json(String text) {
    return Json.parse(text);
  }

  /** Applies one log entry holding {@code commands}, without sessions. */
  ApplyOutput entry(Command... commands) {
    List<Request> requests = new ArrayList<>();
    for (Command c : commands) {
      requests.add(new Request(null, c));
    }
    return entry(requests);
  }

  ApplyOutput entry(List<Request> requests) {
    return store.apply(++revision, stamp, requests);
  }

  /** Applies one command in its own log entry and returns its result. */
  Result apply(Command c) {
    return entry(c).results().get(0);
  }

  /** Like {@link #apply}, expecting a write, and returns the written entry. */
  Entry write(Command c) {
    Result r = apply(c);
    if (!(r instanceof Result.Written w)) {
      throw new AssertionError("expected a write, got " + r);
    }
    return w.entry();
  }

  List<Event> events(Command... commands) {
    return entry(commands).events();
  }

  Entry get(String scope, String key) {
    return store.get(scope, key, stamp);
  }

  /** Advances the clock. */
  StoreHarness at(long millis) {
    stamp = millis;
    return this;
  }

  StoreHarness later(long millis) {
    stamp += millis;
    return this;
  }

  byte[] hash() {
    return store.stateHash();
  }

  static Command.Set set(String scope, String key, String value) {
    return new Command.Set(scope, key, json(value), Command.NO_TTL, Command.ANY_REVISION);
  }

  static Command.Set setTtl(String scope, String key, String value, long ttlSeconds) {
    return new Command.Set(scope, key, json(value), ttlSeconds, Command.ANY_REVISION);
  }

  static Command.Set setIf(String scope, String key, String value, long ifRevision) {
    return new Command.Set(scope, key, json(value), Command.NO_TTL, ifRevision);
  }

  static Command.Delete delete(String scope, String key) {
    return new Command.Delete(scope, key, Command.ANY_REVISION);
  }

  static Command.Append append(String scope, String key, String item) {
    return new Command.Append(scope, key, json(item), Command.NO_TTL, Command.ANY_REVISION);
  }

  static String hex(byte[] b) {
    return Arrays.toString(b);
  }

  @Override
  public void close() {
    store.close();
  }
}
