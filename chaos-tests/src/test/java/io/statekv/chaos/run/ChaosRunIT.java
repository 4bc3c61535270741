package io.statekv.chaos.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statekv.chaos.checker.Verdict;
import io.statekv.chaos.cluster.NodeImage;
import io.statekv.chaos.history.Operation;
import io.statekv.chaos.nemesis.NemesisSchedule;
import io.statekv.chaos.report.ReportFiles;
import io.statekv.chaos.workload.CheckerVerdict;
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
 * A whole run through the harness against real node containers: clients, faults, healing, final
 * read, the state-hash convergence check, log collection, the verdicts and the report.
 */
class ChaosRunIT {
  @TempDir
  Path out;

  @Test
  void aShortRunUnderCrashesIsRecordedCheckedAndReported() throws Exception {
    RunOptions options = new RunOptions("set", List.of("kill", "pause"), 3, Duration.ofSeconds(10),
        20, 2, 77, out, NodeImage.buildNode(NodeImage.repositoryRoot()),
        new NemesisSchedule.Intervals(Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(2), Duration.ofSeconds(3)),
        Duration.ofSeconds(120), RunOptions.SETTLE_TIMEOUT_DEFAULT);
    ByteArrayOutputStream progressBytes = new ByteArrayOutputStream();
    ChaosRun.Outcome outcome = new ChaosRun(options,
        new Progress(new PrintStream(progressBytes, true, StandardCharsets.UTF_8), false)).run();

    Path folder = outcome.folder();
    String summary = ReportFiles.summary(outcome.report()) + "report: " + folder;
    assertThat(folder.getFileName().toString()).endsWith("-set-kill+pause");
    for (String file : List.of("history.jsonl", "verdicts.json", "summary.txt", "report.html",
        "latency.png", "throughput.png", "nodes/n1/node.log", "nodes/n3/node.yaml")) {
      assertThat(folder.resolve(file)).as(file).isNotEmptyFile();
    }
    assertThat(Files.readString(folder.resolve("nodes/n2/node.log"))).contains("node n2 HTTP on");
    assertThat(Files.readString(folder.resolve(ReportFiles.REPORT_HTML)))
        .contains("href=\"nodes/n2/node.log\"").contains("href=\"history.jsonl\"")
        .doesNotContain("nodes/n2/data/");
    List<Operation> ops = outcome.report().history().operations();
    assertThat(ops).as(summary).anyMatch(Operation::isOk);
    assertThat(outcome.report().faults()).as(summary).isNotEmpty();
    assertThat(outcome.report().converged()).as(summary).isTrue();
    for (CheckerVerdict verdict : outcome.report().verdicts()) {
      assertThat(verdict.verdict()).as(verdict.checker() + "\n" + verdict.report() + summary)
          .isEqualTo(Verdict.VALID);
    }
    assertThat(outcome.report().overall()).as(summary).isEqualTo(Verdict.VALID);
    JsonNode verdicts = new ObjectMapper().readTree(folder.resolve(ReportFiles.VERDICTS_JSON)
        .toFile());
    assertThat(verdicts.get("verdict").asText()).isEqualTo("valid");
    assertThat(verdicts.get("parameters").get("seed").asText()).isEqualTo("77");
    assertThat(progressBytes.toString(StandardCharsets.UTF_8)).contains("/10 s");
  }
}
