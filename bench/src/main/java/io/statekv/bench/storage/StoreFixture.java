package io.statekv.bench.storage;

import io.statekv.storage.Command;
import io.statekv.storage.Json;
import io.statekv.storage.Request;
import io.statekv.storage.StateStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the benchmark data set: {@code keys} entries in one scope, each holding a compact JSON
 * object of exactly {@link #VALUE_BYTES} bytes, written 1000 per log entry.
 */
public final class StoreFixture {
  private StoreFixture() {}

  public static final String SCOPE = "bench";
  public static final int VALUE_BYTES = 256;
  public static final long STAMP = 1_700_000_000_000L;
  private static final int FILL_BATCH = 1_000;

  /**
   * The name of key {@code i}: fixed width, so keys sort like their numbers. Built fresh on each
   * call, as a key decoded from a request would be, rather than fetched from a large array whose
   * strings would miss the cache on every operation.
   */
  public static String key(int i) {
    char[] c = {'u', 's', 'e', 'r', '/', '0', '0', '0', '0', '0', '0', '0', '0'};
    for (int p = c.length - 1; i > 0; p--, i /= 10) {
      c[p] = (char) ('0' + i % 10);
    }
    return new String(c);
  }

  /** A compact JSON object of exactly {@link #VALUE_BYTES} bytes with a counter and a payload. */
  public static Json value(int variant) {
    String head = "{\"count\":0,\"name\":\"user-" + variant + "\",\"payload\":\"";
    int pad = VALUE_BYTES - head.length() - 2;
    String text = head + String.valueOf((char) ('a' + variant % 26)).repeat(pad) + "\"}";
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length != VALUE_BYTES) {
      throw new IllegalStateException("value is " + bytes.length + " bytes");
    }
    return Json.ofCompact(bytes);
  }

  /** Fills {@code store} with keys 0..keys-1 and returns the last revision used. */
  public static long fill(StateStore store, int keys) {
    Json[] values = {value(0), value(1), value(2), value(3)};
    long revision = store.appliedRevision();
    List<Request> batch = new ArrayList<>(FILL_BATCH);
    for (int i = 0; i < keys; i++) {
      Command.Set set = new Command.Set(SCOPE, key(i), values[i & 3], Command.NO_TTL, Command.ANY_REVISION);
      batch.add(new Request(null, set));
      if (batch.size() == FILL_BATCH || i == keys - 1) {
        store.apply(++revision, STAMP, batch);
        batch = new ArrayList<>(FILL_BATCH);
      }
    }
    return revision;
  }
}
