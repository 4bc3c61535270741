package io.statekv.chaos.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statekv.chaos.checker.Verdict;
import io.statekv.chaos.history.History;
import io.statekv.chaos.history.HistoryReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations each workload generates are in the format its checkers read: a history of them,
 * recorded by {@link HistoryRecorder}, is accepted by the checkers (every operation here ends in
 * info, as if the cluster never answered, so nothing can be judged invalid).
 */
class WorkloadsTest {
  @TempDir
  Path dir;

  @Test
  void everyWorkloadRecordsAHistoryItsCheckersRead() throws IOException {
    for (String name : Workloads.NAMES) {
      Workload workload = Workloads.create(name, Duration.ofSeconds(5));
      Path file = dir.resolve(name + ".jsonl");
      try (HistoryRecorder recorder = HistoryRecorder.create(file)) {
        Random random = new Random(1);
        for (int process = 0; process < 40; process++) {
          Invocation op = workload.next(random);
          recorder.invoke(process, op);
          recorder.complete(process, op.f(), new Completion(io.statekv.chaos.history.OpType.INFO,
              op.value(), "timeout"));
        }
        assertThat(recorder.counts().info()).isEqualTo(40);
      }
      History history = HistoryReader.read(file);
      assertThat(history.operations()).hasSize(40);
      List<CheckerVerdict> verdicts = workload.check(history);
      assertThat(verdicts).as(name).isNotEmpty()
          .allMatch(v -> v.verdict() != Verdict.INVALID);
    }
  }

  @Test
  void elementsOfSetAndListAppendAreUnique() {
    Workload set = Workloads.create("set", Duration.ofSeconds(1));
    Workload lists = Workloads.create("list-append", Duration.ofSeconds(1));
    Set<Long> seen = new HashSet<>();
    Random random = new Random(3);
    for (int i = 0; i < 500; i++) {
      assertThat(seen.add(set.next(random).value().asLong())).isTrue();
    }
    Set<Long> appended = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      lists.next(random).value().forEach(micro -> {
        if (micro.get(0).asText().equals("append")) {
          assertThat(appended.add(micro.get(2).asLong())).isTrue();
        }
      });
    }
    assertThat(appended).hasSizeGreaterThan(300);
  }

  @Test
  void finalReadsAreReadOnlyAndUnknownNamesAreRefused() {
    for (String name : Workloads.NAMES) {
      assertThat(Workloads.create(name, Duration.ofSeconds(1)).finalOps())
          .allMatch(Invocation::readOnly);
    }
    assertThatThrownBy(() -> Workloads.create("queue", Duration.ofSeconds(1)))
        .hasMessageContaining("unknown workload 'queue'").hasMessageContaining("list-append");
  }
}
