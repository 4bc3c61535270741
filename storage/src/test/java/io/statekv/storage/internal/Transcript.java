package io.statekv.storage.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statekv.storage.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads transcript files: one JSON object per line; blank lines and lines starting with {@code #}
 * are skipped. Lines are read with the shared mapper but without {@link JsonCodec#parse}'s strict
 * checks, so that a transcript can hold input the parser under test must refuse.
 *
 * <p>A line may spell a long boundary value with a generator object, {@code {"$gen": kind, ...}},
 * expanded before the case runs (see README.md beside the transcripts):
 *
 * <ul>
 *   <li>{@code string}: {@code unit} repeated {@code count} times;
 *   <li>{@code member}: an object with one member, named {@code unit} repeated {@code count}
 *       times, holding {@code leaf};
 *   <li>{@code path}: the array {@code ["s0", ..., "s<count-1>"]};
 *   <li>{@code object}: {@code {"k0": 0, ..., "k<count-1>": count-1}};
 *   <li>{@code nest}: {@code depth} nested objects {@code {"n": {"n": ... }}}, the innermost holding
 *       {@code "n": leaf} when a leaf is given, else empty; its JSON depth is {@code depth} for a
 *       scalar leaf;
 *   <li>{@code nest_path}: {@code {"s0": {"s1": ... {"s<count-1>": leaf}}}}, what a merge or set at
 *       the generated path builds;
 *   <li>{@code repeat}: an array of {@code count} copies of {@code item}.
 * </ul>
 */
final class Transcript {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Transcript() {}

  /** One case: its file, line and parsed, expanded object. */
  record Case(String file, int line, ObjectNode body) {
    String name() {
      return file + ":" + line + " " + body.path("name").asText("(unnamed)");
    }

    /** A member, or null when absent (distinct from a JSON null). */
    JsonNode get(String member) {
      return body.get(member);
    }
  }

  /** Every case of every {@code *.jsonl} file in the class-path directory {@code dir}. */
  static List<Case> load(String dir) {
    URL url = Transcript.class.getClassLoader().getResource(dir);
    if (url == null) {
      throw new IllegalStateException("no transcript directory " + dir);
    }
    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
      List<Case> cases = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
        cases.addAll(read(file));
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Case> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      JsonNode node = readLine(file, i + 1, line);
      if (!node.isObject()) {
        throw new IllegalStateException(file.getFileName() + ":" + (i + 1) + ": a case must be an object");
      }
      cases.add(new Case(file.getFileName().toString(), i + 1, (ObjectNode) expand(node)));
    }
    return cases;
  }

  private static JsonNode readLine(Path file, int line, String text) {
    try {
      return JsonCodec.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(file.getFileName() + ":" + line + ": " + e.getOriginalMessage(), e);
    }
  }

  /** Replaces every generator object in {@code node} with what it generates. */
  static JsonNode expand(JsonNode node) {
    if (node.isObject() && node.has("$gen")) {
      return generate(node);
    }
    if (node.isObject()) {
      ObjectNode out = NODES.objectNode();
      node.properties().forEach(member -> out.set(member.getKey(), expand(member.getValue())));
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = NODES.arrayNode();
      node.forEach(item -> out.add(expand(item)));
      return out;
    }
    return node;
  }

  private static JsonNode generate(JsonNode spec) {
    int count = spec.path("count").asInt(spec.path("depth").asInt(-1));
    if (count < 0) {
      throw new IllegalStateException("a generator needs a count or depth: " + spec);
    }
    JsonNode leaf = spec.has("leaf") ? expand(spec.get("leaf")) : null;
    switch (spec.get("$gen").asText()) {
      case "string":
        return NODES.textNode(spec.get("unit").asText().repeat(count));
      case "member":
        return NODES.objectNode().set(spec.get("unit").asText().repeat(count), leaf);
      case "path": {
        ArrayNode path = NODES.arrayNode();
        for (int i = 0; i < count; i++) {
          path.add("s" + i);
        }
        return path;
      }
      case "object": {
        ObjectNode object = NODES.objectNode();
        for (int i = 0; i < count; i++) {
          object.put("k" + i, i);
        }
        return object;
      }
      case "nest":
        return nest(count, leaf);
      case "nest_path":
        return nestPath(count, leaf);
      case "repeat": {
        ArrayNode items = NODES.arrayNode();
        JsonNode item = expand(spec.get("item"));
        for (int i = 0; i < count; i++) {
          items.add(item.deepCopy());
        }
        return items;
      }
      default:
        throw new IllegalStateException("unknown generator " + spec);
    }
  }

  private static JsonNode nest(int depth, JsonNode leaf) {
    ObjectNode inner = NODES.objectNode();
    if (leaf != null) {
      inner.set("n", leaf);
    }
    JsonNode node = inner;
    for (int i = 1; i < depth; i++) {
      node = NODES.objectNode().set("n", node);
    }
    return node;
  }

  private static JsonNode nestPath(int count, JsonNode leaf) {
    JsonNode node = leaf;
    for (int i = count - 1; i >= 0; i--) {
      node = NODES.objectNode().set("s" + i, node);
    }
    return node;
  }
}
