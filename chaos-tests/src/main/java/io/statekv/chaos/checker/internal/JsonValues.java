package io.statekv.chaos.checker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statekv.chaos.history.Op;
import io.statekv.chaos.history.Operation;
import java.util.Map;

/**
 * Canonical JSON values, so that equal values are {@code equals} with equal hash codes.
 *
 * <p>Jackson parses 3 as an {@code IntNode} but a recorder may build a {@code LongNode}, and the
 * two are not equal; checkers compare values only after passing them through {@link #canonical}.
 * Integers stay distinct from floats (3 is not 3.0), as in statekv itself.
 */
public final class JsonValues {
  private JsonValues() {}

  /** The canonical form: integers as long (or big) integers, floats as doubles, recursively. */
  public static JsonNode canonical(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return JsonNodeFactory.instance.nullNode();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong()
          ? LongNode.valueOf(node.longValue())
          : BigIntegerNode.valueOf(node.bigIntegerValue());
    }
    if (node.isFloatingPointNumber()) {
      return DoubleNode.valueOf(node.doubleValue());
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
      node.forEach(element -> copy.add(canonical(element)));
      return copy;
    }
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        copy.set(field.getKey(), canonical(field.getValue()));
      }
      return copy;
    }
    return node;
  }

  /** The operation with canonical invoke and completion values. */
  public static Operation canonical(Operation op) {
    Op invoke = op.invoke().withValue(canonical(op.invoke().value()));
    Op completion = op.completion() == null
        ? null : op.completion().withValue(canonical(op.completion().value()));
    return new Operation(op.id(), invoke, completion);
  }

  /** Longest list {@link #brief} shows in full. */
  public static final int BRIEF_ELEMENTS_MAX = 6;

  /**
   * A short form of a value for messages: a long array shows its first and last elements and
   * its size, so messages about long lists stay short.
   */
  public static String brief(JsonNode node) {
    if (!node.isArray() || node.size() <= BRIEF_ELEMENTS_MAX) {
      return node.toString();
    }
    int size = node.size();
    return "[" + node.get(0) + "," + node.get(1) + ",...," + node.get(size - 2) + ","
        + node.get(size - 1) + "] (" + size + " elements)";
  }
}
