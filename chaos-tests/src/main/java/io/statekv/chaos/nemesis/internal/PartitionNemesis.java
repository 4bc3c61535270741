package io.statekv.chaos.nemesis.internal;

import io.statekv.chaos.cluster.ClusterNode;
import io.statekv.chaos.nemesis.Fault;
import io.statekv.chaos.nemesis.Grudge;
import io.statekv.chaos.nemesis.Nemesis;
import io.statekv.chaos.nemesis.NemesisContext;
import java.io.IOException;
import java.util.List;
import java.util.function.BiFunction;

/** Partitions the network in one of Jepsen's shapes; heals by removing every rule it added. */
public final class PartitionNemesis implements Nemesis {
  private final String name;
  private final BiFunction<NemesisContext, List<String>, Grudge> shape;

  private PartitionNemesis(String name, BiFunction<NemesisContext, List<String>, Grudge> shape) {
    this.name = name;
    this.shape = shape;
  }

  /** A random minority against the majority. */
  public static Nemesis halves() {
    return new PartitionNemesis("partition-halves", (ctx, ids) -> Grudge.halves(ids));
  }

  /** The leader (or a random node when none is known) cut off from everyone. */
  public static Nemesis isolateLeader() {
    return new PartitionNemesis("partition-leader", (ctx, ids) -> Grudge.isolate(
        ctx.leader().map(ClusterNode::id).orElse(ids.get(0)), ids));
  }

  /** Every node sees a majority, no two the same one. */
  public static Nemesis majoritiesRing() {
    return new PartitionNemesis("partition-ring", (ctx, ids) -> Grudge.majoritiesRing(ids));
  }

  /** Two halves joined by one bridge node. */
  public static Nemesis bridge() {
    return new PartitionNemesis("partition-bridge", (ctx, ids) -> Grudge.bridge(ids));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Fault inject(NemesisContext context) throws IOException {
    List<String> ids = context.shuffledNodes().stream().map(ClusterNode::id).toList();
    Grudge grudge = shape.apply(context, ids);
    context.network().apply(grudge, context.cluster());
    return new Fault(name, grudge.affectedNodes(), describe(grudge),
        () -> context.network().healAll());
  }

  private static String describe(Grudge grudge) {
    StringBuilder out = new StringBuilder("drop");
    grudge.drops().stream()
        .sorted((a, b) -> (a.to() + a.from()).compareTo(b.to() + b.from()))
        .forEach(d -> out.append(' ').append(d.from()).append("->").append(d.to()));
    return out.toString();
  }
}
