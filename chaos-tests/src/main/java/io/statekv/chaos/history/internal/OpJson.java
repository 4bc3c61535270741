package io.statekv.chaos.history.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statekv.chaos.history.MalformedHistoryException;
import io.statekv.chaos.history.Op;
import io.statekv.chaos.history.OpType;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The JSON form of one op: {@code {"process": 2, "type": "ok", "f": "cas", "value": [3, 0],
 * "time": 1200, "error": "timed-out"}}, where {@code time} and {@code error} are optional and
 * unknown fields are ignored so that recorders may add their own.
 */
public final class OpJson {
  /** Thread-safe once configured, as Jackson documents. */
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final String NEMESIS = "nemesis";

  private OpJson() {}

  /** The shared mapper, for callers that build values. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Parses one line into an op at position {@code index}.
   *
   * @throws MalformedHistoryException if the line is not a JSON object describing an op
   */
  public static Op parse(String text, int index) {
    int line = index + 1;
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new MalformedHistoryException(line, "not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new MalformedHistoryException(line, "expected a JSON object per line");
    }
    try {
      return new Op(index, process(node, line), type(node, line), f(node, line),
          node.get("value"), time(node, line), error(node));
    } catch (IllegalArgumentException e) {
      throw new MalformedHistoryException(line, e.getMessage());
    }
  }

  private static long process(JsonNode node, int line) {
    JsonNode process = node.get("process");
    if (process != null && process.isTextual() && NEMESIS.equals(process.asText())) {
      return Op.NEMESIS_PROCESS;
    }
    if (process == null || !process.canConvertToLong() || !process.isIntegralNumber()
        || process.asLong() < 0) {
      throw new MalformedHistoryException(line,
          "field 'process' must be an integer of at least 0 or \"nemesis\", got " + process);
    }
    return process.asLong();
  }

  private static OpType type(JsonNode node, int line) {
    JsonNode type = node.get("type");
    if (type == null || !type.isTextual()) {
      throw new MalformedHistoryException(line, "field 'type' must be a string, got " + type);
    }
    return OpType.fromWireName(type.asText());
  }

  private static String f(JsonNode node, int line) {
    JsonNode f = node.get("f");
    if (f == null || !f.isTextual() || f.asText().isEmpty()) {
      throw new MalformedHistoryException(line, "field 'f' must be a non-empty string, got " + f);
    }
    return f.asText();
  }

  private static long time(JsonNode node, int line) {
    JsonNode time = node.get("time");
    if (time == null || time.isNull()) {
      return Op.TIME_UNKNOWN;
    }
    if (!time.isIntegralNumber() || !time.canConvertToLong() || time.asLong() < 0) {
      throw new MalformedHistoryException(line,
          "field 'time' must be an integer of at least 0 (nanoseconds), got " + time);
    }
    return time.asLong();
  }

  private static String error(JsonNode node) {
    JsonNode error = node.get("error");
    if (error == null || error.isNull()) {
      return null;
    }
    return error.isTextual() ? error.asText() : error.toString();
  }

  /** The op as one compact JSON line, without the line break. */
  public static String format(Op op) {
    StringWriter out = new StringWriter();
    try (JsonGenerator gen = MAPPER.getFactory().createGenerator(out)) {
      gen.writeStartObject();
      if (op.isNemesis()) {
        gen.writeStringField("process", NEMESIS);
      } else {
        gen.writeNumberField("process", op.process());
      }
      gen.writeStringField("type", op.type().wireName());
      gen.writeStringField("f", op.f());
      gen.writeFieldName("value");
      MAPPER.writeTree(gen, op.value());
      if (op.hasTime()) {
        gen.writeNumberField("time", op.time());
      }
      if (op.error() != null) {
        gen.writeStringField("error", op.error());
      }
      gen.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a string cannot fail", e);
    }
    return out.toString();
  }
}
