package io.statekv.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.storage.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A JSON argument of a command: the JSON text itself, {@code @FILE} to read it from a file, or
 * {@code -} to read it from stdin. Parsed as strictly as the HTTP gateway parses bodies.
 */
final class JsonArgs {
  private JsonArgs() {}

  /** Arguments read from files or stdin are bounded like a request body. */
  static final int ARG_BYTES_MAX = 32 << 20;

  static JsonNode parse(String what, String arg) {
    byte[] bytes = read(what, arg);
    try {
      return JsonCodec.parse(bytes);
    } catch (IllegalArgumentException e) {
      String hint = arg.startsWith("@") || arg.equals("-") ? ""
          : " (quote strings as JSON, for example '\"Alice\"'; use @FILE or - to read a file or stdin)";
      throw new BadJsonException(what + " is not JSON: " + e.getMessage() + hint);
    }
  }

  private static byte[] read(String what, String arg) {
    try {
      if (arg.equals("-")) {
        return bounded(what, System.in);
      }
      if (arg.startsWith("@")) {
        try (InputStream in = Files.newInputStream(Path.of(arg.substring(1)))) {
          return bounded(what, in);
        }
      }
      return arg.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BadJsonException(what + ": cannot read " + arg + ": " + e.getMessage());
    }
  }

  private static byte[] bounded(String what, InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(ARG_BYTES_MAX + 1);
    if (bytes.length > ARG_BYTES_MAX) {
      throw new BadJsonException(what + " is larger than " + ARG_BYTES_MAX + " bytes");
    }
    return bytes;
  }

  /** A JSON argument that could not be read or parsed: a usage error. */
  static final class BadJsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadJsonException(String message) {
      super(message);
    }
  }
}
