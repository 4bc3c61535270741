package io.statekv.node.dispatch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.storage.Json;
import io.statekv.storage.JsonCodec;
import io.statekv.storage.Validation;
import java.util.Arrays;

/**
 * Checks JSON that arrives as bytes: strict UTF-8 (the storage engine's own parser, {@link
 * JsonCodec#parse}, refuses overlong forms, encoded surrogates and code points past U+10FFFF), one
 * well-formed document, nesting within {@code value_depth_max}, and a compact size within the
 * cluster's {@code value_bytes_max}.
 *
 * <p>Values are re-encoded in their compact form before they enter the log, so that every replica
 * stores (and counts against the limits) exactly the canonical bytes. Stateless and thread-safe.
 */
public final class JsonInput {
  private JsonInput() {}

  /** A checked value and its compact bytes. */
  public record Checked(Json json, ByteString compact) {
    /** The parsed tree (parsed on first use, then cached). */
    public JsonNode node() {
      return json.node();
    }
  }

  /**
   * Checks one JSON value.
   *
   * @param field the request field, named in error messages
   * @throws RejectedRequestException {@code invalid_argument} for empty, malformed or too deep
   *     JSON, {@code value_too_large} when the compact form exceeds {@code valueBytesMax}
   */
  public static Checked check(String field, ByteString bytes, int valueBytesMax) {
    if (bytes.isEmpty()) {
      throw RejectedRequestException.invalid(field + " is empty: a JSON value is required (write null explicitly)");
    }
    byte[] raw = bytes.toByteArray();
    Json json;
    try {
      json = JsonCodec.canonical(raw);
    } catch (JsonCodec.InvalidJsonException e) {
      throw RejectedRequestException.invalid(field + ": " + e.getMessage());
    }
    String depthProblem = Validation.checkDepth(json);
    if (depthProblem != null) {
      throw RejectedRequestException.invalid(field + ": " + depthProblem);
    }
    byte[] compact = json.bytes();
    if (compact.length > valueBytesMax) {
      throw new RejectedRequestException(
          ErrorCode.VALUE_TOO_LARGE,
          field + " is " + compact.length + " bytes of compact JSON, more than value_bytes_max " + valueBytesMax);
    }
    // The compact array is never changed afterwards, so it can be wrapped without a copy.
    boolean unchanged = compact == raw || Arrays.equals(raw, compact);
    ByteString canonical = unchanged ? bytes : UnsafeByteOperations.unsafeWrap(compact);
    return new Checked(json, canonical);
  }
}
