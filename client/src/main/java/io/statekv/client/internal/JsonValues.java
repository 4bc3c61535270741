package io.statekv.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.io.IOException;

/**
 * The client's one Jackson configuration: Jackson's defaults, except that unknown properties are
 * ignored when mapping to a Java type (stored state outlives the classes that read it). Thread-safe.
 */
public final class JsonValues {
  private JsonValues() {}

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  /**
   * Reads trees: unlike {@code MAPPER.readTree}, it resolves the tree deserializer once rather
   * than on every call, which matters when every watch event is read by every watcher.
   */
  private static final ObjectReader TREE_READER = MAPPER.readerFor(JsonNode.class);

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** A value as a JSON tree: a tree is taken as is, anything else is mapped by Jackson (null is JSON null). */
  public static JsonNode toTree(Object value) {
    if (value instanceof JsonNode node) {
      return node;
    }
    if (value == null) {
      return com.fasterxml.jackson.databind.node.NullNode.getInstance();
    }
    try {
      return MAPPER.valueToTree(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the value cannot be mapped to JSON: " + e.getMessage(), e);
    }
  }

  public static <T> T convert(JsonNode value, Class<T> type) {
    return MAPPER.convertValue(value, type);
  }

  public static <T> T convert(JsonNode value, TypeReference<T> type) {
    return MAPPER.convertValue(value, type);
  }

  /** Compact UTF-8 JSON bytes of a tree. */
  static ByteString bytes(JsonNode node) {
    try {
      return UnsafeByteOperations.unsafeWrap(MAPPER.writeValueAsBytes(node));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the value cannot be written as JSON: " + e.getMessage(), e);
    }
  }

  /** The tree of JSON bytes from a node; null for empty bytes (the wire's "absent"). */
  static JsonNode tree(ByteString bytes) {
    return bytes.isEmpty() ? null : readTree(bytes.toByteArray());
  }

  /** The tree of UTF-8 JSON text from a node. */
  public static JsonNode readTree(byte[] json) {
    try {
      // A byte array is read without the stream's buffering and encoding detection.
      return TREE_READER.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("a node sent a value that is not JSON: " + e.getMessage(), e);
    }
  }
}
