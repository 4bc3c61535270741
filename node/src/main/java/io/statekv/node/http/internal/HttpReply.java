package io.statekv.node.http.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.statekv.storage.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One HTTP answer before it is written to the channel.
 *
 * @param status the HTTP status
 * @param contentType the media type of {@code body}
 * @param body the bytes
 * @param headers extra response headers
 * @param outcome what the request came to, for metrics: {@code ok}, an error code's wire name, or
 *     {@code forwarded}
 */
public record HttpReply(int status, String contentType, byte[] body, Map<String, String> headers, String outcome) {
  public static final String JSON = "application/json";
  public static final String TEXT = "text/plain; charset=utf-8";
  public static final String OUTCOME_OK = "ok";

  public HttpReply {
    headers = Map.copyOf(headers);
  }

  static HttpReply json(int status, JsonNode node, String outcome) {
    try {
      return new HttpReply(status, JSON, JsonCodec.mapper().writeValueAsBytes(node), Map.of(), outcome);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a response could not be written", e);
    }
  }

  static HttpReply ok(JsonNode node) {
    return json(200, node, OUTCOME_OK);
  }

  /** A bare JSON value, as iii's get and delete answer. */
  static HttpReply ok(RawValue value) {
    return new HttpReply(200, JSON, String.valueOf(value.rawValue()).getBytes(StandardCharsets.UTF_8), Map.of(), OUTCOME_OK);
  }

  static HttpReply text(int status, String text, String outcome) {
    return new HttpReply(status, TEXT, text.getBytes(StandardCharsets.UTF_8), Map.of(), outcome);
  }

  /** The same answer with another status, for HTTP-level errors outside the error table (405). */
  HttpReply withStatus(int newStatus, String newOutcome) {
    return new HttpReply(newStatus, contentType, body, headers, newOutcome);
  }

  HttpReply withHeader(String name, String value) {
    var all = new java.util.HashMap<>(headers);
    all.put(name, value);
    return new HttpReply(status, contentType, body, all, outcome);
  }

  /** The body as text, for logs and tests. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
