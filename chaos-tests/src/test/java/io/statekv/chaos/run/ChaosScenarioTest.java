package io.statekv.chaos.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.chaos.nemesis.Nemeses;
import io.statekv.chaos.workload.Workloads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ChaosScenarioTest {
  @Test
  void theShortMatrixCoversEveryWorkloadAndNemesisWithinAFewMinutes() {
    Set<String> workloads = ChaosScenario.SHORT_MATRIX.stream().map(ChaosScenario::workload)
        .collect(Collectors.toSet());
    Set<String> nemeses = ChaosScenario.SHORT_MATRIX.stream().flatMap(s -> s.nemeses().stream())
        .collect(Collectors.toSet());
    assertThat(workloads).containsExactlyInAnyOrderElementsOf(Workloads.NAMES);
    assertThat(nemeses).containsExactlyInAnyOrderElementsOf(Nemeses.names());
    Duration traffic = ChaosScenario.SHORT_MATRIX.stream().map(ChaosScenario::timeLimit)
        .reduce(Duration.ZERO, Duration::plus);
    // About 20 s of cluster start, healing, catching up and checks come on top of each.
    assertThat(traffic).isLessThanOrEqualTo(Duration.ofSeconds(230));
    assertThat(ChaosScenario.SHORT_MATRIX).extracting(ChaosScenario::nodes).contains(3, 5);
    assertThat(ChaosScenario.SHORT_MATRIX.stream().map(ChaosScenario::name).distinct())
        .hasSameSizeAs(ChaosScenario.SHORT_MATRIX);
  }

  @Test
  void everyScenarioMakesValidOptions() {
    for (ChaosScenario scenario : ChaosScenario.SHORT_MATRIX) {
      RunOptions options = scenario.options(Path.of("out"), "statekv/node:test");
      assertThat(options.nodes()).isEqualTo(scenario.nodes());
      assertThat(scenario.timeLimit()).as(scenario.name() + " has time for one round of faults")
          .isGreaterThanOrEqualTo(ChaosScenario.MATRIX_ROUND_PER_NEMESIS
              .multipliedBy(scenario.nemeses().size()));
      assertThat(options.seed()).isEqualTo(scenario.seed());
      assertThat(Nemeses.parse(String.join(",", options.nemeses()))).hasSize(
          scenario.nemeses().size());
    }
  }
}
