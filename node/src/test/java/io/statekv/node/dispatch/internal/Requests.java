package io.statekv.node.dispatch.internal;

import com.google.protobuf.ByteString;
import io.statekv.protocol.v1.ClientMessage;
import io.statekv.protocol.v1.SetRequest;
import java.nio.charset.StandardCharsets;

/** Small builders of requests for the edge tests. */
final class Requests {
  private Requests() {}

  static ByteString json(String text) {
    return ByteString.copyFrom(text, StandardCharsets.UTF_8);
  }

  static ByteString bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return ByteString.copyFrom(out);
  }

  static SetRequest.Builder set(String scope, String key, String valueJson) {
    return SetRequest.newBuilder().setScope(scope).setKey(key).setValueJson(json(valueJson));
  }

  static ClientMessage message(SetRequest.Builder set) {
    return ClientMessage.newBuilder().setRequestId(7).setSet(set).build();
  }

  /** A string of {@code n} copies of {@code unit}. */
  static String repeat(String unit, int n) {
    return unit.repeat(n);
  }

  /** JSON arrays nested {@code depth} levels: depth 1 is {@code []}. */
  static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  /** A JSON string value whose compact form is exactly {@code bytes} long. */
  static String stringOfCompactSize(int bytes) {
    return "\"" + "x".repeat(bytes - 2) + "\"";
  }
}
