package io.statekv.chaos.workload.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statekv.chaos.checker.ChangeEvent;
import io.statekv.chaos.checker.CheckResult;
import io.statekv.chaos.checker.CommittedLog;
import io.statekv.chaos.checker.WatchChecker;
import io.statekv.chaos.checker.WatchObservation;
import io.statekv.chaos.checker.WatchWriteChecker;
import io.statekv.chaos.history.History;
import io.statekv.chaos.workload.CheckerVerdict;
import io.statekv.chaos.workload.Completion;
import io.statekv.chaos.workload.Invocation;
import io.statekv.chaos.workload.ObserverContext;
import io.statekv.chaos.workload.Workload;
import io.statekv.client.DeleteResult;
import io.statekv.client.Entry;
import io.statekv.client.ListOptions;
import io.statekv.client.ListPage;
import io.statekv.client.StateKvClient;
import io.statekv.client.UpdateOp;
import io.statekv.client.WriteResult;
import io.statekv.chaos.checker.WatcherLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sets, updates and deletes over a few keys of one scope, while watchers opened through the Java
 * client at chosen start revisions record every event across the nodes' failures (see {@link
 * WatchObservers}). Every set and update writes a value whose field {@code w} is a number unique
 * in the run, so that each event names the write that produced it. After the run, a final read
 * gives the scope's state and revision, and a reference watch opened from the first revision of
 * the traffic gives the committed log. Checked by the watch checker (each watcher against the
 * reference: ordered, no gap, no duplicate, no event that was not committed) and the watch-writes
 * checker (the reference and each watcher against the acknowledged writes and the final read).
 */
public final class WatchWorkload implements Workload {
  /** The scope of the keys. */
  public static final String SCOPE = "chaos-watch";
  /** Keys, few enough that each is created, updated and deleted many times. */
  public static final int KEYS = 4;

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final AtomicLong nextNumber = new AtomicLong();
  private final WatchObservers observers = new WatchObservers(SCOPE);

  @Override
  public String name() {
    return "watch";
  }

  @Override
  public Invocation next(Random random) {
    ObjectNode value = F.objectNode().put("key", "k" + random.nextInt(KEYS));
    int dice = random.nextInt(20);
    if (dice < 4) {
      return new Invocation("delete", value, false);
    }
    value.put("w", nextNumber.getAndIncrement());
    return new Invocation(dice < 12 ? "set" : "update", value, false);
  }

  @Override
  public List<Invocation> finalOps() {
    return List.of(new Invocation("read", F.nullNode(), true));
  }

  @Override
  public Completion apply(StateKvClient client, Invocation op) {
    switch (op.f()) {
      case "set" -> {
        ObjectNode value = F.objectNode().put("w", op.value().get("w").asLong());
        return written(op, client.set(SCOPE, op.value().get("key").asText(), value));
      }
      case "update" -> {
        // The counter makes an update differ from a set of the same number.
        return written(op, client.update(SCOPE, op.value().get("key").asText(),
            UpdateOp.set("w", op.value().get("w").asLong()), UpdateOp.increment("updates", 1)));
      }
      case "delete" -> {
        DeleteResult result = client.delete(SCOPE, op.value().get("key").asText());
        observers.acknowledged(result.revision());
        return Completion.ok(deleted(op, result.revision()));
      }
      case "read" -> {
        return Completion.ok(finalRead(client));
      }
      default -> throw new IllegalArgumentException("watch has no op " + op.f());
    }
  }

  private Completion written(Invocation op, WriteResult result) {
    observers.acknowledged(result.revision());
    return Completion.ok(written(op, result.revision(), result.created(), result.newValue()));
  }

  /** The history's form of an acknowledged set or update. */
  static ObjectNode written(Invocation op, long revision, boolean created, JsonNode newValue) {
    ObjectNode done = ((ObjectNode) op.value().deepCopy()).put("revision", revision)
        .put("type", created ? ChangeEvent.CREATED : ChangeEvent.UPDATED);
    done.set("value", newValue);
    return done;
  }

  /** The history's form of an acknowledged delete; revision 0 when nothing was deleted. */
  static ObjectNode deleted(Invocation op, long revision) {
    return ((ObjectNode) op.value().deepCopy()).put("revision", revision);
  }

  private ObjectNode finalRead(StateKvClient client) {
    ListPage page = client.list(SCOPE, ListOptions.DEFAULT);
    if (page.more()) {
      throw new IllegalStateException("the final read of " + KEYS + " keys came in pages");
    }
    Map<String, JsonNode> entries = new TreeMap<>();
    for (Entry entry : page.entries()) {
      entries.put(entry.key(), entry.value());
    }
    observers.finalRevision(page.revision());
    return finalRead(page.revision(), entries);
  }

  /** The history's form of the final read. */
  static ObjectNode finalRead(long revision, Map<String, JsonNode> entries) {
    ObjectNode read = F.objectNode().put("revision", revision);
    read.putObject("entries").setAll(entries);
    return read;
  }

  @Override
  public void startObservers(ObserverContext context) {
    observers.start(context);
  }

  @Override
  public List<String> stopObservers(StateKvClient client, Duration timeout) {
    return observers.stop(timeout);
  }

  @Override
  public List<CheckerVerdict> check(History history) {
    return judge(history, observers.reference(), observers.referenceObservation(),
        observers.emptyAtRevision(), observers.watchers());
  }

  /**
   * Runs both checkers over a run of this workload.
   *
   * @param reference the committed log, or null when no reference watch ran (both unknown)
   * @param referenceWatch the reference watch as a watcher, whose own delivery order is judged
   *     too, or null
   * @param emptyAtRevision a revision at which the scope was read empty, or 0
   */
  static List<CheckerVerdict> judge(History history, CommittedLog reference,
      WatchObservation referenceWatch, long emptyAtRevision, List<WatchObservation> watchers) {
    if (reference == null) {
      String why = "no reference log: the watchers did not run";
      return List.of(verdict(CheckResult.of(WatchChecker.NAME, List.of(), Map.of(), false, why)),
          verdict(CheckResult.of(WatchWriteChecker.NAME, List.of(), Map.of(), false, why)));
    }
    List<WatcherLog> logs = new ArrayList<>(watchers.stream().map(WatchObservation::log).toList());
    if (referenceWatch != null) {
      logs.add(referenceWatch.log());
    }
    return List.of(verdict(WatchChecker.check(reference, logs)),
        verdict(WatchWriteChecker.check(history, SCOPE, reference, emptyAtRevision, watchers)));
  }

  private static CheckerVerdict verdict(CheckResult result) {
    return new CheckerVerdict(result.checker(), result.verdict(), result.stats(),
        result.report());
  }
}
