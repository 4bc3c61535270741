package io.statekv.chaos.report.internal;

import io.statekv.chaos.history.OpType;
import io.statekv.chaos.history.Operation;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Completions per whole second of the run, per outcome. Stateless. */
public final class Throughput {
  private Throughput() {}

  /** For ok, fail and info: an array whose element i counts completions in second [i, i+1). */
  public static Map<OpType, double[]> perSecond(List<Operation> operations) {
    long lastSecond = 0;
    for (Operation op : operations) {
      if (op.completion() != null && op.completion().hasTime()) {
        lastSecond = Math.max(lastSecond, op.completion().time() / 1_000_000_000L);
      }
    }
    Map<OpType, double[]> counts = new EnumMap<>(OpType.class);
    for (OpType type : List.of(OpType.OK, OpType.FAIL, OpType.INFO)) {
      counts.put(type, new double[(int) lastSecond + 1]);
    }
    for (Operation op : operations) {
      if (op.completion() != null && op.completion().hasTime()) {
        counts.get(op.completion().type())[(int) (op.completion().time() / 1_000_000_000L)]++;
      }
    }
    return counts;
  }
}
