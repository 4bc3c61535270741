package io.statekv.chaos.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.chaos.checker.Verdict;
import io.statekv.chaos.cluster.NodeImage;
import io.statekv.chaos.history.Operation;
import io.statekv.chaos.nemesis.FaultWindow;
import io.statekv.chaos.report.ReportFiles;
import io.statekv.chaos.workload.CheckerVerdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The short chaos matrix against real node containers, part of every {@code mvn verify}: each
 * scenario must inject each of its nemeses, and end with every checker valid and every node
 * holding the same state hash at one applied index. Run folders, with their reports, stay under
 * {@code target/chaos-runs}.
 */
class ChaosMatrixIT {
  private static String image;

  @BeforeAll
  static void buildImage() throws IOException {
    image = NodeImage.buildNode(NodeImage.repositoryRoot());
  }

  static Stream<ChaosScenario> scenarios() {
    return ChaosScenario.SHORT_MATRIX.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void scenarioStaysCorrect(ChaosScenario scenario) throws Exception {
    Path out = Path.of(System.getProperty("chaos.runs.dir", "target/chaos-runs"))
        .resolve(scenario.name());
    ChaosRun.Outcome outcome = new ChaosRun(scenario.options(out, image),
        new Progress(System.out, false)).run();
    String summary = ReportFiles.summary(outcome.report()) + "report: " + outcome.folder();
    assertThat(outcome.report().history().operations()).as(summary).anyMatch(Operation::isOk);
    assertThat(outcome.report().faults()).as(summary).extracting(FaultWindow::kind)
        .containsAll(scenario.nemeses());
    assertThat(outcome.report().converged()).as(summary).isTrue();
    for (CheckerVerdict verdict : outcome.report().verdicts()) {
      assertThat(verdict.verdict()).as(verdict.checker() + "\n" + verdict.report() + summary)
          .isEqualTo(Verdict.VALID);
    }
    assertThat(outcome.report().overall()).as(summary).isEqualTo(Verdict.VALID);
  }
}
