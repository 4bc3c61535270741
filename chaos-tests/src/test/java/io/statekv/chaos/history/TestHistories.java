package io.statekv.chaos.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written histories for tests, one op per string: {@code [t=NANOS] PROCESS TYPE F [VALUE]
 * [error=TEXT]}, where VALUE is JSON without spaces, such as {@code "0 invoke cas [1,2]"} or
 * {@code "t=5 3 info write 4 error=timed-out"}.
 */
public final class TestHistories {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TestHistories() {}

  /** The validated history of the given ops. */
  public static History history(String... ops) {
    return History.of(ops(ops));
  }

  /** The ops, not yet validated. */
  public static List<Op> ops(String... ops) {
    List<Op> result = new ArrayList<>();
    for (String line : ops) {
      result.add(op(line));
    }
    return result;
  }

  /** One op. */
  public static Op op(String line) {
    List<String> tokens = new ArrayList<>(List.of(line.trim().split("\\s+")));
    long time = Op.TIME_UNKNOWN;
    if (tokens.get(0).startsWith("t=")) {
      time = Long.parseLong(tokens.remove(0).substring(2));
    }
    String error = null;
    if (tokens.get(tokens.size() - 1).startsWith("error=")) {
      error = tokens.remove(tokens.size() - 1).substring("error=".length());
    }
    long process = tokens.get(0).equals("nemesis") ? Op.NEMESIS_PROCESS
        : Long.parseLong(tokens.get(0));
    OpType type = OpType.fromWireName(tokens.get(1));
    JsonNode value = tokens.size() > 3 ? json(tokens.get(3)) : null;
    return new Op(Op.INDEX_UNASSIGNED, process, type, tokens.get(2), value, time, error);
  }

  /** Parses JSON, for values built in tests. */
  public static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bad JSON in test: " + text, e);
    }
  }
}
