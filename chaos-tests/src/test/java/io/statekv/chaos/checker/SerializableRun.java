package io.statekv.chaos.checker;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.chaos.history.History;
import io.statekv.chaos.history.HistoryReader;
import io.statekv.chaos.history.TestHistories;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded simulation of clients running list-append transactions against a strictly
 * serializable store: each transaction takes effect atomically at one moment between its
 * invocation and its completion. Some fail before taking effect, and some end in info after or
 * before taking effect.
 *
 * <p>Optionally, from a given step on, the first read that can be made stale is: it misses the
 * last element of its key although that element's transaction had completed before the reader
 * was invoked, a violation of strict serializability.
 */
final class SerializableRun {
  private static final int KEYS = 4;
  private static final int CLIENTS = 5;

  private final Random random;
  private final Map<Integer, List<Integer>> store = new HashMap<>();
  private final Map<Integer, Integer> completionLineOfValue = new HashMap<>();
  private final List<String> lines = new ArrayList<>();
  private final String[] pending = new String[CLIENTS];
  private final boolean[] applied = new boolean[CLIENTS];
  private final boolean[] mustSucceed = new boolean[CLIENTS];
  private final int[] invokeLine = new int[CLIENTS];
  private final long[] process = new long[CLIENTS];
  private int nextValue = 1;
  private int staleReadFrom = Integer.MAX_VALUE;
  private boolean staleReadMade;

  SerializableRun(long seed) {
    random = new Random(seed);
    for (int c = 0; c < CLIENTS; c++) {
      process[c] = c;
    }
  }

  SerializableRun withStaleReadFrom(int step) {
    staleReadFrom = step;
    return this;
  }

  boolean staleReadMade() {
    return staleReadMade;
  }

  History history(int steps) {
    for (int step = 0; step < steps; step++) {
      int client = random.nextInt(CLIENTS);
      if (pending[client] == null) {
        pending[client] = randomTxn();
        invokeLine[client] = lines.size();
        lines.add(line(client, "invoke", pending[client]));
      } else if (!applied[client] && random.nextInt(10) > 0) {
        pending[client] = apply(client, step >= staleReadFrom && !staleReadMade);
        applied[client] = true;
      } else {
        complete(client);
      }
    }
    return HistoryReader.parse(String.join("\n", lines));
  }

  private void complete(int client) {
    int roll = random.nextInt(20);
    String type = !applied[client] ? (roll < 10 ? "fail" : "info")
        : roll == 0 && !mustSucceed[client] ? "info" : "ok";
    if (type.equals("ok")) {
      for (JsonNode micro : TestHistories.json(pending[client])) {
        if (micro.get(0).asText().equals("append")) {
          completionLineOfValue.put(micro.get(2).asInt(), lines.size());
        }
      }
    }
    lines.add(line(client, type, pending[client]));
    pending[client] = null;
    applied[client] = false;
    mustSucceed[client] = false;
    if (type.equals("info")) {
      process[client] += CLIENTS;
    }
  }

  private String randomTxn() {
    List<String> ops = new ArrayList<>();
    int size = 1 + random.nextInt(4);
    for (int i = 0; i < size; i++) {
      int key = random.nextInt(KEYS);
      ops.add(random.nextBoolean() ? "[\"r\"," + key + ",null]"
          : "[\"append\"," + key + "," + nextValue++ + "]");
    }
    return "[" + String.join(",", ops) + "]";
  }

  /** Applies the client's transaction and returns it with its reads filled in. */
  private String apply(int client, boolean staleWanted) {
    List<String> done = new ArrayList<>();
    for (JsonNode micro : TestHistories.json(pending[client])) {
      int key = micro.get(1).asInt();
      List<Integer> list = store.computeIfAbsent(key, k -> new ArrayList<>());
      if (micro.get(0).asText().equals("append")) {
        list.add(micro.get(2).asInt());
        done.add(micro.toString());
      } else if (staleWanted && !staleReadMade && lastCompletedBefore(list, client)) {
        staleReadMade = true;
        mustSucceed[client] = true;
        done.add("[\"r\"," + key + "," + list.subList(0, list.size() - 1) + "]");
      } else {
        done.add("[\"r\"," + key + "," + list + "]");
      }
    }
    return "[" + String.join(",", done) + "]";
  }

  private boolean lastCompletedBefore(List<Integer> list, int client) {
    if (list.isEmpty()) {
      return false;
    }
    Integer completed = completionLineOfValue.get(list.get(list.size() - 1));
    return completed != null && completed < invokeLine[client];
  }

  private String line(int client, String type, String value) {
    return "{\"process\":" + process[client] + ",\"type\":\"" + type + "\",\"f\":\"txn\","
        + "\"value\":" + value.replace(" ", "") + "}";
  }
}
