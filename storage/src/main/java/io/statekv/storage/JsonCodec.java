package io.statekv.storage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.statekv.storage.internal.CompactJsonScanner;
import io.statekv.storage.internal.Utf8;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The one JSON configuration every replica uses to read and write values.
 *
 * <p>Determinism matters here: the bytes written for a tree become replicated state. Doubles are
 * written with Jackson's own Schubfach writer rather than {@code Double.toString}, whose output
 * changed between JDK 17 and 19, so replicas on different JDKs write identical bytes. Integers
 * stay integers (int, long or big integer) and floats stay doubles. Duplicate object keys are
 * refused rather than silently resolved, and nesting is bounded while parsing, so a hostile
 * document cannot exhaust the stack.
 *
 * <p>Parsing is as strict as serde_json, the parser of iii: the bytes must be well-formed UTF-8
 * (Jackson alone accepts overlong forms and encoded surrogates), no string or member name may hold
 * an unpaired surrogate (which a {@code \\u} escape can produce), and every number must be finite
 * (Jackson alone reads {@code 1e400} as infinity, which it would then write as the string {@code
 * "Infinity"}).
 */
public final class JsonCodec {
  private JsonCodec() {}

  /** Parser nesting bound: a little above {@link Limits#VALUE_DEPTH_MAX} so that the typed check, not the parser, reports the limit. */
  private static final int PARSE_DEPTH_MAX = Limits.VALUE_DEPTH_MAX + 8;

  private static final ObjectMapper MAPPER = buildMapper();

  private static ObjectMapper buildMapper() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(PARSE_DEPTH_MAX)
                    .maxStringLength(Limits.VALUE_BYTES_MAX_CEILING)
                    .maxNumberLength(1000)
                    .maxDocumentLength(Limits.VALUE_BYTES_MAX_CEILING * 4L)
                    .build())
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    return JsonMapper.builder(factory)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .build();
  }

  /** The shared mapper. It is configured once and safe to use from any thread. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Parses UTF-8 JSON text.
   *
   * @throws InvalidJsonException if the text is not one well-formed JSON document within the
   *     parser bounds
   */
  public static JsonNode parse(byte[] utf8) {
    int invalid = Utf8.firstInvalidByte(utf8);
    if (invalid >= 0) {
      throw new InvalidJsonException("malformed UTF-8 at byte offset " + invalid);
    }
    try {
      JsonNode node = MAPPER.readTree(utf8);
      if (node == null || node.isMissingNode()) {
        throw new InvalidJsonException("empty document");
      }
      String problem = strictProblem(node);
      if (problem != null) {
        throw new InvalidJsonException(problem);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new InvalidJsonException(e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The canonical compact form of untrusted UTF-8 JSON text: the same {@link Json} as {@code
   * Json.of(parse(utf8))}, and the same refusals. Text that is already canonical (see {@link
   * CompactJsonScanner#isPlainCanonical}: compact, no escapes, integers only, no repeated member
   * names, within {@link Limits#VALUE_DEPTH_MAX}) is taken as it is, without building a tree;
   * anything else is parsed and written back. The choice depends on the bytes alone, so every
   * replica makes it alike.
   *
   * @throws InvalidJsonException as {@link #parse} does
   */
  public static Json canonical(byte[] utf8) {
    if (utf8.length <= Limits.VALUE_BYTES_MAX_CEILING
        && CompactJsonScanner.isPlainCanonical(utf8, Limits.VALUE_DEPTH_MAX)) {
      return Json.ofCompact(utf8);
    }
    return Json.of(parse(utf8));
  }

  /** Writes a tree as compact UTF-8 JSON. */
  public static byte[] writeCompact(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be written", e);
    }
  }

  /**
   * What serde_json would refuse in a parsed tree: an unpaired surrogate in a string or member
   * name, or a number that is not finite. Returns null when there is none.
   */
  private static String strictProblem(JsonNode node) {
    if (node.isTextual()) {
      return Utf8.firstLoneSurrogate(node.textValue()) >= 0 ? "a string holds an unpaired surrogate" : null;
    }
    if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
      return "number out of range: " + node.doubleValue();
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (Utf8.firstLoneSurrogate(field.getKey()) >= 0) {
          return "a member name holds an unpaired surrogate";
        }
        String problem = strictProblem(field.getValue());
        if (problem != null) {
          return problem;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        String problem = strictProblem(item);
        if (problem != null) {
          return problem;
        }
      }
    }
    return null;
  }

  /** Nesting depth: scalars are 0, and each object or array adds one. */
  public static int depth(JsonNode node) {
    if (!node.isContainerNode()) {
      return 0;
    }
    int deepest = 0;
    for (JsonNode child : node) {
      deepest = Math.max(deepest, depth(child));
    }
    return deepest + 1;
  }

  /** Thrown for text that is not a well-formed JSON document. */
  public static final class InvalidJsonException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidJsonException(String message) {
      super("invalid JSON: " + message);
    }
  }
}
