package io.statekv.node.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Finds every field of a config tree that its record type does not have, with its path, so that
 * all of them are reported at once along with the rule problems rather than the first one alone.
 * Field names are the records' components in snake_case. Stateless.
 */
public final class UnknownFields {
  private UnknownFields() {}

  private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
      (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

  /** Each unknown field under {@code node}, as "path: unknown field (known here: ...)". */
  public static List<String> find(JsonNode node, Class<? extends Record> type) {
    List<String> problems = new ArrayList<>();
    walk(node, type, "", problems);
    return problems;
  }

  private static void walk(JsonNode node, Type type, String path, List<String> problems) {
    if (type instanceof Class<?> c && c.isRecord() && node.isObject()) {
      Map<String, Type> fields = Arrays.stream(c.getRecordComponents())
          .collect(Collectors.toMap(rc -> SNAKE_CASE.translate(rc.getName()), RecordComponent::getGenericType));
      for (Map.Entry<String, JsonNode> member : node.properties()) {
        String at = path.isEmpty() ? member.getKey() : path + "." + member.getKey();
        Type fieldType = fields.get(member.getKey());
        if (fieldType == null) {
          problems.add(at + ": unknown field (known here: " + fields.keySet().stream().sorted().collect(Collectors.joining(", ")) + ")");
        } else {
          walk(member.getValue(), fieldType, at, problems);
        }
      }
    } else if (type instanceof ParameterizedType list && list.getRawType() == List.class && node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), list.getActualTypeArguments()[0], path + "[" + i + "]", problems);
      }
    }
  }
}
