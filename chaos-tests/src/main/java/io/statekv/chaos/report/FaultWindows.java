package io.statekv.chaos.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statekv.chaos.history.History;
import io.statekv.chaos.history.Op;
import io.statekv.chaos.nemesis.FaultWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Fault windows as nemesis ops of a history: {@code start-fault} when a fault is injected and
 * {@code end-fault} when it heals, both with the value {@code {"kind", "targets",
 * "description"}}. A report can so be rebuilt from {@code history.jsonl} alone. Stateless.
 */
public final class FaultWindows {
  /** The f of the nemesis op that opens a window. */
  public static final String START = "start-fault";
  /** The f of the nemesis op that closes it. */
  public static final String END = "end-fault";
  /** The f of the nemesis op that records the final heal, when traffic and faults have ended. */
  public static final String HEAL = "heal";

  private FaultWindows() {}

  /** The value recorded for a window. */
  public static JsonNode value(FaultWindow window) {
    ObjectNode value = JsonNodeFactory.instance.objectNode();
    value.put("kind", window.kind());
    ArrayNode targets = value.putArray("targets");
    window.targets().forEach(targets::add);
    value.put("description", window.description());
    return value;
  }

  /**
   * The windows of a history, in start order. Faults run one at a time, so each end closes the
   * window opened last; a window never closed ends at the history's last time.
   */
  public static List<FaultWindow> fromHistory(History history) {
    List<FaultWindow> windows = new ArrayList<>();
    FaultWindow open = null;
    long last = 0;
    for (Op op : history.ops()) {
      last = Math.max(last, op.hasTime() ? op.time() : 0);
      if (!op.isNemesis()) {
        continue;
      }
      if (op.f().equals(START)) {
        if (open != null) {
          windows.add(open.closedAt(op.time()));
        }
        open = window(op);
      } else if (op.f().equals(END) && open != null) {
        windows.add(open.closedAt(Math.max(op.time(), open.startNanos())));
        open = null;
      }
    }
    if (open != null) {
      windows.add(open.closedAt(Math.max(last, open.startNanos())));
    }
    return windows;
  }

  /** When the final heal was recorded, if it was. */
  public static OptionalLong healedAt(History history) {
    return history.nemesisOps().stream().filter(op -> op.f().equals(HEAL) && op.hasTime())
        .mapToLong(Op::time).findFirst();
  }

  private static FaultWindow window(Op op) {
    JsonNode value = op.value();
    List<String> targets = new ArrayList<>();
    value.path("targets").forEach(t -> targets.add(t.asText()));
    return new FaultWindow(value.path("kind").asText("fault"), targets,
        value.path("description").asText(""), Math.max(0, op.time()), FaultWindow.OPEN);
  }
}
