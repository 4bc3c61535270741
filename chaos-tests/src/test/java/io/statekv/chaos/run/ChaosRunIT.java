package io.statekv.chaos.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statekv.chaos.checker.Verdict;
import io.statekv.chaos.cluster.probe.ProbeImage;
import io.statekv.chaos.history.OpType;
import io.statekv.chaos.history.Operation;
import io.statekv.chaos.report.ReportFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole run through the harness against probe nodes, which answer no client request: clients,
 * faults, healing, final read, convergence, log collection and the report all run, and the
 * harness must judge such a cluster as failing, never as valid.
 */
class ChaosRunIT {
  @TempDir
  Path out;

  @Test
  void aClusterThatServesNothingNeverPasses() throws Exception {
    RunOptions options = new RunCommandOptions().set(out, ProbeImage.reference());
    ByteArrayOutputStream progressBytes = new ByteArrayOutputStream();
    ChaosRun.Outcome outcome = new ChaosRun(options,
        new Progress(new PrintStream(progressBytes, true, StandardCharsets.UTF_8), false)).run();

    Path folder = outcome.folder();
    assertThat(folder.getFileName().toString()).endsWith("-set-kill+pause");
    for (String file : List.of("history.jsonl", "verdicts.json", "summary.txt", "report.html",
        "latency.png", "throughput.png", "nodes/n1/node.log", "nodes/n3/node.yaml")) {
      assertThat(folder.resolve(file)).as(file).isNotEmptyFile();
    }
    assertThat(Files.readString(folder.resolve("nodes/n2/node.log"))).contains("probe n2 start");
    assertThat(Files.readString(folder.resolve(ReportFiles.REPORT_HTML)))
        .contains("href=\"nodes/n2/node.log\"").contains("href=\"history.jsonl\"")
        .doesNotContain("nodes/n2/data/");
    List<Operation> ops = outcome.report().history().operations();
    assertThat(ops).isNotEmpty().noneMatch(Operation::isOk);
    assertThat(ops).anyMatch(op -> op.completion() != null
        && op.completion().type() != OpType.OK);
    assertThat(outcome.report().faults()).isNotEmpty();
    assertThat(outcome.report().converged()).isFalse();
    assertThat(outcome.report().overall()).isEqualTo(Verdict.INVALID);
    assertThat(outcome.report().problems()).anyMatch(p -> p.startsWith("final read did not succeed"));
    JsonNode verdicts = new ObjectMapper().readTree(folder.resolve(ReportFiles.VERDICTS_JSON)
        .toFile());
    assertThat(verdicts.get("verdict").asText()).isEqualTo("invalid");
    assertThat(verdicts.get("parameters").get("seed").asText()).isEqualTo("77");
    assertThat(progressBytes.toString(StandardCharsets.UTF_8)).contains("/8 s").contains("fail");
  }

  /** The options of this test's run, as the command line would build them. */
  private static final class RunCommandOptions {
    RunOptions set(Path out, String image) {
      return new RunOptions("set", List.of("kill", "pause"), 3, Duration.ofSeconds(8), 10, 2, 77,
          out, image, new io.statekv.chaos.nemesis.NemesisSchedule.Intervals(Duration.ofSeconds(1),
              Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2)),
          Duration.ofSeconds(10), Duration.ofSeconds(5));
    }
  }
}
