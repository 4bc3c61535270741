package io.statekv.node.http.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One case of a gateway transcript file:
 *
 * <pre>
 * ### a name
 * POST /v1/state/set
 * {"scope": "s", "key": "k", "value": 1}
 * --- dispatched
 * set { scope: "s" key: "k" value_json: "1" }      (or: nothing)
 * --- answer
 * write { new_value_json: "1" }                    (absent when nothing is dispatched)
 * --- http 200
 * {"old_value": null, "new_value": 1, ...}
 * </pre>
 *
 * Other lines starting with {@code #} are comments.
 */
record TranscriptCase(String name, String method, String path, String body, String dispatched, String answer,
    int status, String response) {

  static List<TranscriptCase> parse(String file, String text) {
    List<TranscriptCase> cases = new ArrayList<>();
    String[] blocks = text.split("(?m)^### ");
    for (int i = 1; i < blocks.length; i++) { // blocks[0] is the preamble before the first case
      cases.add(parseCase(file, blocks[i]));
    }
    return cases;
  }

  private static TranscriptCase parseCase(String file, String block) {
    String name = block.substring(0, block.indexOf('\n')).strip();
    Map<String, StringBuilder> sections = new LinkedHashMap<>();
    String current = "request";
    sections.put(current, new StringBuilder());
    for (String line : block.substring(block.indexOf('\n') + 1).split("\n", -1)) {
      if (line.startsWith("--- ")) {
        current = line.substring(4).strip();
        sections.put(current, new StringBuilder());
      } else if (!line.startsWith("#")) {
        sections.get(current).append(line).append('\n');
      }
    }
    String request = sections.get("request").toString().strip();
    String requestLine = request.contains("\n") ? request.substring(0, request.indexOf('\n')) : request;
    String body = request.substring(requestLine.length()).strip();
    String[] methodPath = requestLine.split(" ");
    String dispatched = text(sections.get("dispatched"));
    String httpKey = sections.keySet().stream().filter(k -> k.startsWith("http ")).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(file + ": case '" + name + "' has no '--- http STATUS' section"));
    return new TranscriptCase(name, methodPath[0], methodPath[1], body,
        "nothing".equals(dispatched) ? null : dispatched, text(sections.get("answer")),
        Integer.parseInt(httpKey.substring(5).strip()), sections.get(httpKey).toString().strip());
  }

  private static String text(StringBuilder section) {
    return section == null ? null : section.toString().strip();
  }
}
