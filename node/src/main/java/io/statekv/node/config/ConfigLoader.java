package io.statekv.node.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.statekv.node.config.internal.ConfigValidator;
import io.statekv.node.config.internal.RawConfig;
import io.statekv.node.config.internal.UnknownFields;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a node config from YAML. Unknown keys, values of the wrong type and every rule of {@link
 * NodeConfig} are reported as a {@link ConfigException} naming the field. Stateless and
 * thread-safe.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /** A config file bigger than this is refused unread: a node config is a few kilobytes. */
  public static final long CONFIG_BYTES_MAX = 1 << 20;

  private static final ObjectMapper YAML = YAMLMapper.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .build();

  /** Loads and validates a config file; relative paths in it resolve against the file's directory. */
  public static NodeConfig load(Path file) {
    String source = file.toString();
    try {
      if (Files.size(file) > CONFIG_BYTES_MAX) {
        throw new ConfigException(source, List.of("the file is larger than " + CONFIG_BYTES_MAX + " bytes"));
      }
      String text = Files.readString(file);
      Path dir = file.toAbsolutePath().getParent();
      return parse(source, text, dir);
    } catch (NoSuchFileException e) {
      throw new ConfigException(source, List.of("no such file"));
    } catch (IOException e) {
      throw new ConfigException(source, List.of("cannot be read: " + e.getMessage()));
    }
  }

  /** Parses and validates YAML text; {@code baseDir} resolves a relative {@code data_dir}. */
  public static NodeConfig parse(String source, String yaml, Path baseDir) {
    JsonNode tree = readTree(source, yaml);
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return ConfigValidator.validate(source, null, baseDir, List.of());
    }
    List<String> unknown = UnknownFields.find(tree, RawConfig.class);
    return ConfigValidator.validate(source, bind(source, tree), baseDir, unknown);
  }

  private static JsonNode readTree(String source, String yaml) {
    try {
      return YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new ConfigException(source, List.of("not valid YAML: " + e.getOriginalMessage() + location(e)));
    }
  }

  /** Binds the tree to the raw records; unknown fields were reported already and are skipped here. */
  private static RawConfig bind(String source, JsonNode tree) {
    try {
      return YAML.readerFor(RawConfig.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(tree);
    } catch (MismatchedInputException e) {
      throw new ConfigException(source, List.of(fieldPath(e) + ": expected " + expected(e.getTargetType())));
    } catch (IOException e) {
      throw new ConfigException(source, List.of("cannot be read: " + e.getMessage()));
    }
  }

  /** Writes a raw config as YAML, as the dev cluster does for each of its nodes. */
  public static String writeRaw(RawConfig raw) {
    try {
      return YAML.writeValueAsString(raw);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a config could not be written", e);
    }
  }

  private static String fieldPath(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "(top level)" : path.toString();
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "another type";
    }
    if (type == Long.class || type == Integer.class || type == long.class || type == int.class) {
      return "an integer";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "a mapping (key: value lines)";
  }

  private static String location(JsonProcessingException e) {
    var loc = e.getLocation();
    return loc == null || loc.getLineNr() < 1 ? "" : " (line " + loc.getLineNr() + ")";
  }
}
