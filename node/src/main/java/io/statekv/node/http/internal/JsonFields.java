package io.statekv.node.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.protocol.v1.Consistency;
import io.statekv.storage.JsonCodec;
import com.google.protobuf.ByteString;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Reads the fields of one JSON request object strictly: each field has one JSON type, required
 * fields must be present, and {@link #finish} refuses any field nobody asked for, so that a typo
 * such as {@code if_revison} is an error instead of a silently unconditional write. Not
 * thread-safe; one per request object.
 */
final class JsonFields {
  private final JsonNode object;
  private final String where;
  private final Set<String> read = new HashSet<>();

  private JsonFields(JsonNode object, String where) {
    this.object = object;
    this.where = where;
  }

  /** Wraps a request object; {@code where} prefixes error messages, such as "set" or "then[2]". */
  static JsonFields of(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw GatewayException.invalid(where + ": expected a JSON object, got " + typeName(node));
    }
    return new JsonFields(node, where);
  }

  private JsonNode get(String name) {
    read.add(name);
    JsonNode v = object.get(name);
    return v == null || v.isMissingNode() ? null : v;
  }

  /** A field that may be given as JSON null: null when absent. */
  JsonNode node(String name) {
    return get(name);
  }

  String requiredString(String name) {
    JsonNode v = get(name);
    if (v == null || v.isNull()) {
      throw fail(name, "is required");
    }
    if (!v.isTextual()) {
      throw fail(name, "must be a string, got " + typeName(v));
    }
    return v.textValue();
  }

  /** A string field; {@code fallback} when absent or null. */
  String optionalString(String name, String fallback) {
    JsonNode v = get(name);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isTextual()) {
      throw fail(name, "must be a string, got " + typeName(v));
    }
    return v.textValue();
  }

  /** A non-negative integer field, or -1 when absent or null. */
  long optionalUnsigned(String name) {
    JsonNode v = get(name);
    if (v == null || v.isNull()) {
      return -1;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
      throw fail(name, "must be a non-negative integer, got " + v);
    }
    return v.longValue();
  }

  /** Passes a non-negative integer field to {@code setter} when it is present and not null. */
  void ifPresent(String name, LongConsumer setter) {
    long v = optionalUnsigned(name);
    if (v >= 0) {
      setter.accept(v);
    }
  }

  boolean optionalBoolean(String name) {
    JsonNode v = get(name);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw fail(name, "must be true or false, got " + typeName(v));
    }
    return v.booleanValue();
  }

  /**
   * A required JSON value under {@code name} or its alias, as compact bytes. JSON null is a value.
   * Giving both names is refused, as serde refuses a duplicate field.
   */
  ByteString requiredValue(String name, String alias) {
    JsonNode v = get(name);
    JsonNode a = alias == null ? null : get(alias);
    if (v != null && a != null) {
      throw fail(name, "is given twice, as '" + name + "' and '" + alias + "'");
    }
    JsonNode value = v != null ? v : a;
    if (value == null) {
      throw fail(name, "is required" + (alias == null ? "" : " (or its alias '" + alias + "')"));
    }
    return ByteString.copyFrom(JsonCodec.writeCompact(value));
  }

  Consistency consistency() {
    String text = optionalString("consistency", "linearizable");
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "linearizable" -> Consistency.LINEARIZABLE;
      case "lease" -> Consistency.LEASE;
      case "serializable" -> Consistency.SERIALIZABLE;
      default -> throw fail("consistency", "must be linearizable, lease or serializable, got '" + text + "'");
    };
  }

  /** Refuses any field that was not read. */
  void finish() {
    Iterator<String> names = object.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!read.contains(name)) {
        throw GatewayException.invalid(where + ": unknown field '" + name + "' (known: " + String.join(", ", sorted(read)) + ")");
      }
    }
  }

  GatewayException fail(String field, String problem) {
    return GatewayException.invalid(where + "." + field + " " + problem);
  }

  private static java.util.List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }

  static String typeName(JsonNode v) {
    if (v == null || v.isMissingNode()) {
      return "nothing";
    }
    return switch (v.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> v.getNodeType().toString().toLowerCase(Locale.ROOT);
    };
  }
}
