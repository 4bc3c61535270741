package io.statekv.chaos.checker;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.chaos.checker.internal.JsonValues;
import io.statekv.chaos.history.History;
import io.statekv.chaos.history.MalformedHistoryException;
import io.statekv.chaos.history.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a set workload: {@code add} ops (value: the element) and {@code read} ops (value on ok:
 * the array of elements present). The final read, the ok read that completed last, decides:
 *
 * <ul>
 *   <li>{@code lost}: an add that was acknowledged before the final read began is missing;
 *   <li>{@code unexpected}: an element present that no add ever attempted;
 *   <li>{@code failed-add-visible}: an element present whose every add failed (a failed op must
 *       never take effect);
 *   <li>{@code duplicate}: an element present twice in the final read.
 * </ul>
 *
 * <p>Indeterminate adds may or may not be present; those present are counted as recovered. Adds
 * acknowledged after the final read began may be missing. Without an ok read the verdict is
 * unknown. Stateless and thread-safe.
 */
public final class SetChecker {
  /** The checker's name in results. */
  public static final String NAME = "set";

  private SetChecker() {}

  /**
   * Checks the history.
   *
   * @throws MalformedHistoryException if an op is not an add or a read, or a read is not an array
   */
  public static CheckResult check(History history) {
    List<Operation> adds = new ArrayList<>();
    Operation finalRead = null;
    for (Operation op : history.operations()) {
      switch (op.f()) {
        case "add" -> adds.add(op);
        case "read" -> finalRead = laterRead(finalRead, op);
        default -> throw new MalformedHistoryException(op.invoke().line(),
            "the set checker knows only add and read, not '" + op.f() + "'");
      }
    }
    Map<String, Long> stats = addStats(adds);
    if (finalRead == null) {
      return CheckResult.of(NAME, List.of(), stats, false, "no read completed");
    }
    List<Anomaly> anomalies = judge(adds, finalRead, stats);
    return CheckResult.of(NAME, anomalies, stats, true, "");
  }

  private static Operation laterRead(Operation current, Operation read) {
    if (!read.isOk()) {
      return current;
    }
    if (!read.completionValue().isArray()) {
      throw new MalformedHistoryException(read.completion().line(),
          "an ok read must return an array of elements, got " + read.completionValue());
    }
    return current == null || read.completion().index() > current.completion().index()
        ? read : current;
  }

  private static Map<String, Long> addStats(List<Operation> adds) {
    Map<String, Long> stats = new LinkedHashMap<>();
    stats.put("attempted-adds", (long) adds.size());
    stats.put("ok-adds", adds.stream().filter(Operation::isOk).count());
    stats.put("failed-adds", adds.stream().filter(Operation::isFail).count());
    stats.put("indeterminate-adds", adds.stream().filter(Operation::isIndeterminate).count());
    return stats;
  }

  private static List<Anomaly> judge(List<Operation> adds, Operation finalRead,
      Map<String, Long> stats) {
    List<Anomaly> anomalies = new ArrayList<>();
    Set<JsonNode> present = presentElements(finalRead, anomalies);
    Map<JsonNode, List<Operation>> addsByElement = new HashMap<>();
    for (Operation add : adds) {
      addsByElement.computeIfAbsent(JsonValues.canonical(add.invokeValue()), e -> new ArrayList<>())
          .add(add);
    }
    long recovered = 0;
    for (JsonNode element : present) {
      List<Operation> attempts = addsByElement.getOrDefault(element, List.of());
      if (attempts.isEmpty()) {
        anomalies.add(new Anomaly("unexpected", "element " + element
            + " is in the final read but was never added", List.of(finalRead.completion())));
      } else if (attempts.stream().allMatch(Operation::isFail)) {
        anomalies.add(new Anomaly("failed-add-visible", "element " + element
            + " is in the final read but every add of it failed",
            List.of(attempts.get(0).completion(), finalRead.completion())));
      } else if (attempts.stream().noneMatch(Operation::isOk)) {
        recovered++;
      }
    }
    for (Operation add : adds) {
      JsonNode element = JsonValues.canonical(add.invokeValue());
      if (add.isOk() && add.precedes(finalRead) && !present.contains(element)) {
        anomalies.add(new Anomaly("lost", "element " + element
            + " was acknowledged but is missing from the final read",
            List.of(add.completion(), finalRead.completion())));
      }
    }
    stats.put("final-read-size", (long) finalRead.completionValue().size());
    stats.put("recovered", recovered);
    stats.put("lost", anomalies.stream().filter(a -> a.kind().equals("lost")).count());
    stats.put("unexpected", anomalies.stream().filter(a -> a.kind().equals("unexpected")).count());
    return anomalies;
  }

  private static Set<JsonNode> presentElements(Operation finalRead, List<Anomaly> anomalies) {
    Set<JsonNode> present = new LinkedHashSet<>();
    for (JsonNode element : finalRead.completionValue()) {
      JsonNode canonical = JsonValues.canonical(element);
      if (!present.add(canonical)) {
        anomalies.add(new Anomaly("duplicate", "element " + canonical
            + " appears more than once in the final read", List.of(finalRead.completion())));
      }
    }
    return present;
  }
}
