package io.statekv.chaos.workload.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** Small builders of the checkers' JSON values. Stateless and thread-safe. */
public final class Json {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Json() {}

  /** A JSON array of the given values (numbers, strings, nodes or null). */
  public static ArrayNode array(Object... items) {
    ArrayNode array = F.arrayNode();
    for (Object item : items) {
      if (item == null) {
        array.addNull();
      } else if (item instanceof JsonNode node) {
        array.add(node);
      } else if (item instanceof Long l) {
        array.add(l);
      } else if (item instanceof Integer i) {
        array.add(i);
      } else {
        array.add(item.toString());
      }
    }
    return array;
  }

  /** A JSON number. */
  public static JsonNode number(long value) {
    return F.numberNode(value);
  }

  /** JSON null. */
  public static JsonNode nullNode() {
    return F.nullNode();
  }
}
