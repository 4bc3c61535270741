package io.statekv.chaos.workload.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statekv.chaos.checker.ChangeEvent;
import io.statekv.chaos.checker.CommittedLog;
import io.statekv.chaos.checker.Verdict;
import io.statekv.chaos.checker.WatchObservation;
import io.statekv.chaos.checker.WatchSelector;
import io.statekv.chaos.checker.WatcherLog;
import io.statekv.chaos.history.History;
import io.statekv.chaos.history.HistoryReader;
import io.statekv.chaos.history.OpType;
import io.statekv.chaos.workload.CheckerVerdict;
import io.statekv.chaos.workload.Completion;
import io.statekv.chaos.workload.HistoryRecorder;
import io.statekv.chaos.workload.Invocation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch workload's operations, recorded as the workload records them, with the events a
 * cluster applying them one by one would publish; then watchers that saw those events exactly,
 * or with a gap, a duplicate, a reordering or a phantom event, judged by both checkers.
 */
class WatchWorkloadTest {
  private static final long FIRST_REVISION = 10;
  private static final WatchSelector SCOPE = WatchSelector.scope(WatchWorkload.SCOPE);

  @TempDir
  Path dir;

  private History history;
  private final List<ChangeEvent> committed = new ArrayList<>();
  private CommittedLog reference;

  /**
   * Runs 60 operations of the workload against a key-value map, one at a time, at revisions
   * counting up from 10; the 7th operation times out after it applied, the 13th fails before.
   */
  @BeforeEach
  void recordARun() throws IOException {
    WatchWorkload workload = new WatchWorkload();
    Random random = new Random(7);
    Map<String, JsonNode> state = new TreeMap<>();
    long revision = FIRST_REVISION;
    Path file = dir.resolve("history.jsonl");
    try (HistoryRecorder recorder = HistoryRecorder.create(file)) {
      for (int i = 0; i < 60; i++) {
        Invocation op = workload.next(random);
        recorder.invoke(i, op);
        if (i == 13) {
          recorder.complete(i, op.f(), Completion.fail(op.value(), "unavailable"));
          continue;
        }
        JsonNode done = apply(op, state, revision);
        if (done.get("revision").asLong() > 0) {
          revision++;
        }
        recorder.complete(i, op.f(), i == 7
            ? new Completion(OpType.INFO, op.value(), "timeout") : Completion.ok(done));
      }
      Invocation read = workload.finalOps().get(0);
      recorder.invoke(100, read);
      recorder.complete(100, read.f(),
          Completion.ok(WatchWorkload.finalRead(revision - 1, state)));
    }
    history = HistoryReader.read(file);
    reference = new CommittedLog(FIRST_REVISION, revision - 1, committed);
  }

  /** Applies one op as the store would, records its event and returns its ok completion. */
  private JsonNode apply(Invocation op, Map<String, JsonNode> state, long revision) {
    String key = op.value().get("key").asText();
    JsonNode before = state.get(key);
    if (op.f().equals("delete")) {
      if (before == null) {
        return WatchWorkload.deleted(op, 0);
      }
      state.remove(key);
      committed.add(new ChangeEvent(revision, WatchWorkload.SCOPE, key, ChangeEvent.DELETED,
          null, "write"));
      return WatchWorkload.deleted(op, revision);
    }
    ObjectNode after = JsonNodeFactory.instance.objectNode();
    if (op.f().equals("update")) {
      after = before == null ? after : (ObjectNode) before.deepCopy();
      after.put("updates", after.path("updates").asLong() + 1);
    }
    after.put("w", op.value().get("w").asLong());
    state.put(key, after);
    committed.add(new ChangeEvent(revision, WatchWorkload.SCOPE, key,
        before == null ? ChangeEvent.CREATED : ChangeEvent.UPDATED, after, "write"));
    return WatchWorkload.written(op, revision, before == null, after);
  }

  private List<CheckerVerdict> judge(List<ChangeEvent> received) {
    WatchObservation watcher = WatchObservation.ran(new WatcherLog("w1", FIRST_REVISION, SCOPE,
        received, reference.lastRevision()));
    WatchObservation key = WatchObservation.ran(new WatcherLog("w2", FIRST_REVISION + 20,
        new WatchSelector(WatchWorkload.SCOPE, "k1", null, Set.of()),
        committed.stream().filter(e -> e.key().equals("k1") && e.revision() >= FIRST_REVISION + 20)
            .toList(), reference.lastRevision()));
    WatchObservation self = WatchObservation.ran(new WatcherLog("reference", FIRST_REVISION,
        SCOPE, committed, reference.lastRevision()));
    return WatchWorkload.judge(history, reference, self, FIRST_REVISION - 1,
        List.of(watcher, key));
  }

  private static String reports(List<CheckerVerdict> verdicts) {
    return String.join("\n", verdicts.stream().map(CheckerVerdict::report).toList());
  }

  @Test
  void theWorkloadsOpsAreUniqueWritesOfAFewKeys() {
    WatchWorkload workload = new WatchWorkload();
    Random random = new Random(3);
    Set<Long> numbers = new HashSet<>();
    Set<String> functions = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      Invocation op = workload.next(random);
      functions.add(op.f());
      assertThat(op.readOnly()).isFalse();
      assertThat(op.value().get("key").asText()).matches("k[0-" + (WatchWorkload.KEYS - 1) + "]");
      if (!op.f().equals("delete")) {
        assertThat(numbers.add(op.value().get("w").asLong())).isTrue();
      }
    }
    assertThat(functions).containsExactlyInAnyOrder("set", "update", "delete");
    assertThat(workload.finalOps()).singleElement().matches(Invocation::readOnly);
  }

  @Test
  void watchersThatSawTheCommittedEventsAreValid() {
    assertThat(committed).hasSizeGreaterThan(30);
    List<CheckerVerdict> verdicts = judge(committed);
    assertThat(verdicts).extracting(CheckerVerdict::checker)
        .containsExactly("watch", "watch-writes");
    assertThat(verdicts).as(reports(verdicts)).allMatch(v -> v.verdict() == Verdict.VALID);
    assertThat(verdicts.get(1).stats()).containsEntry("ok-writes", 58L);
  }

  @Test
  void aGapIsDetected() {
    List<ChangeEvent> received = new ArrayList<>(committed);
    received.remove(20);
    List<CheckerVerdict> verdicts = judge(received);
    assertThat(verdicts.get(0).verdict()).isEqualTo(Verdict.INVALID);
    assertThat(verdicts.get(0).report()).contains("gap: w1 never received " + committed.get(20));
    assertThat(verdicts.get(1).report()).contains("lost-write: w1 lacks " + committed.get(20));
  }

  @Test
  void aDuplicateAfterAResumeIsDetected() {
    List<ChangeEvent> received = new ArrayList<>(committed);
    received.add(21, committed.get(20));
    List<CheckerVerdict> verdicts = judge(received);
    assertThat(verdicts.get(0).report()).contains("duplicate: w1 received " + committed.get(20));
    assertThat(verdicts).allMatch(v -> v.verdict() == Verdict.INVALID);
  }

  @Test
  void aReorderingIsDetected() {
    List<ChangeEvent> received = new ArrayList<>(committed);
    received.set(20, committed.get(21));
    received.set(21, committed.get(20));
    List<CheckerVerdict> verdicts = judge(received);
    assertThat(verdicts.get(0).verdict()).isEqualTo(Verdict.INVALID);
    assertThat(verdicts.get(0).report()).contains("out-of-order: w1 received "
        + committed.get(20) + " after " + committed.get(21));
  }

  @Test
  void aPhantomEventIsDetected() {
    ChangeEvent phantom = new ChangeEvent(committed.get(20).revision(), WatchWorkload.SCOPE,
        "k2", ChangeEvent.UPDATED, JsonNodeFactory.instance.objectNode().put("w", 9999), "write");
    List<ChangeEvent> received = new ArrayList<>(committed);
    received.add(21, phantom);
    List<CheckerVerdict> verdicts = judge(received);
    assertThat(verdicts.get(0).report()).contains("unexpected: w1 received " + phantom
        + ", which was never committed");
    assertThat(verdicts.get(1).report()).contains("phantom: w1 holds " + phantom);
  }

  @Test
  void withoutObserversTheVerdictsAreUnknown() {
    List<CheckerVerdict> verdicts = new WatchWorkload().check(history);
    assertThat(verdicts).hasSize(2).allMatch(v -> v.verdict() == Verdict.UNKNOWN);
  }
}
