package io.statekv.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statekv.chaos.checker.Verdict;
import io.statekv.chaos.history.History;
import io.statekv.chaos.history.HistoryReader;
import io.statekv.chaos.history.HistoryWriter;
import io.statekv.chaos.history.Op;
import io.statekv.chaos.history.OpType;
import io.statekv.chaos.nemesis.FaultWindow;
import io.statekv.chaos.workload.Workload;
import io.statekv.chaos.workload.Workloads;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports built from recorded set histories: one that loses an acknowledged add, one clean. */
class ReportFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long SECOND = 1_000_000_000L;

  @TempDir
  Path dir;

  /** A set history: adds 0..n-1 over 10 s, a kill from 3 s to 6 s, then a final read. */
  private static History setHistory(int adds, List<Long> finalElements) {
    List<Op> ops = new ArrayList<>();
    long t = 0;
    for (int i = 0; i < adds; i++) {
      t = i * 10 * SECOND / adds;
      if (t >= 3 * SECOND && ops.stream().noneMatch(o -> o.f().equals(FaultWindows.START))) {
        ops.add(nemesis(FaultWindows.START, t));
      }
      if (t >= 6 * SECOND && ops.stream().noneMatch(o -> o.f().equals(FaultWindows.END))) {
        ops.add(nemesis(FaultWindows.END, t));
      }
      OpType end = i % 17 == 5 ? OpType.INFO : i % 13 == 4 ? OpType.FAIL : OpType.OK;
      long process = i;
      ops.add(new Op(-1, process, OpType.INVOKE, "add", JSON.valueToTree(i), t, null));
      ops.add(new Op(-1, process, end, "add", JSON.valueToTree(i), t + 2_000_000L * (1 + i % 7),
          end == OpType.OK ? null : "timeout"));
    }
    long read = t + SECOND;
    ops.add(new Op(-1, Op.NEMESIS_PROCESS, OpType.INFO, FaultWindows.HEAL, null, read - 1, null));
    ops.add(new Op(-1, 1L << 40, OpType.INVOKE, "read", null, read, null));
    ops.add(new Op(-1, 1L << 40, OpType.OK, "read", JSON.valueToTree(finalElements),
        read + 5_000_000, null));
    return History.of(ops);
  }

  private static Op nemesis(String f, long time) {
    JsonNode value = FaultWindows.value(new FaultWindow("kill", List.of("n2"), "kill -9 n2", 0,
        FaultWindow.OPEN));
    return new Op(-1, Op.NEMESIS_PROCESS, OpType.INFO, f, value, time, null);
  }

  private static List<Long> okElements(History history) {
    return history.operations().stream().filter(o -> o.f().equals("add") && o.isOk())
        .map(o -> o.invokeValue().asLong()).toList();
  }

  private RunReport report(History history) {
    Workload set = Workloads.create("set", Duration.ofSeconds(10));
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("workload", "set");
    parameters.put("nemesis", "kill");
    parameters.put("seed", "42");
    return new RunReport("test-set-kill", parameters, history, FaultWindows.fromHistory(history),
        set.check(history), true, "nodes agree", List.of());
  }

  @Test
  void aLostAddMakesTheRunInvalidInEveryFile() throws IOException {
    History draft = setHistory(200, List.of());
    List<Long> present = new ArrayList<>(okElements(draft));
    long lost = present.remove(10);
    History history = setHistory(200, present);
    Path historyFile = dir.resolve("history.jsonl");
    HistoryWriter.write(history, historyFile);
    RunReport run = report(HistoryReader.read(historyFile));

    ReportFiles.write(run, dir);

    assertThat(run.overall()).isEqualTo(Verdict.INVALID);
    JsonNode verdicts = JSON.readTree(dir.resolve(ReportFiles.VERDICTS_JSON).toFile());
    assertThat(verdicts.get("verdict").asText()).isEqualTo("invalid");
    assertThat(verdicts.get("checkers").get(0).get("stats").get("lost").asLong()).isEqualTo(1);
    assertThat(verdicts.get("faults")).hasSize(1);
    assertThat(verdicts.get("faults").get(0).get("start_nanos").asLong()).isEqualTo(3 * SECOND);
    String html = Files.readString(dir.resolve(ReportFiles.REPORT_HTML));
    assertThat(html).contains("Verdict: invalid").contains("element " + lost)
        .contains("kill -9 n2").contains("history.jsonl").contains("latency.png");
    assertThat(Files.readString(dir.resolve(ReportFiles.SUMMARY_TXT)))
        .contains("checker set: invalid").contains("faults: 1");
  }

  @Test
  void aCleanRunIsValidAndItsPlotsArePictures() throws IOException {
    History history = setHistory(300, okElements(setHistory(300, List.of())));
    RunReport run = report(history);

    ReportFiles.write(run, dir);

    assertThat(run.overall()).isEqualTo(Verdict.VALID);
    for (String png : List.of(HtmlReport.LATENCY_PNG, HtmlReport.THROUGHPUT_PNG)) {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(
          dir.resolve(png))));
      assertThat(image.getWidth()).isEqualTo(1100);
      assertThat(image.getHeight()).isEqualTo(420);
    }
    assertThat(Files.readString(dir.resolve(ReportFiles.REPORT_HTML))).contains("Verdict: valid");
  }

  @Test
  void aRunThatDidNotConvergeIsInvalidEvenWithValidCheckers() {
    History history = setHistory(50, okElements(setHistory(50, List.of())));
    RunReport clean = report(history);
    RunReport diverged = new RunReport(clean.title(), clean.parameters(), history, clean.faults(),
        clean.verdicts(), false, "applied indexes differ: [40, 41]", List.of());
    assertThat(diverged.overall()).isEqualTo(Verdict.INVALID);
  }

  @Test
  void faultWindowsComeBackFromTheHistory() {
    History history = setHistory(100, List.of());
    List<FaultWindow> windows = FaultWindows.fromHistory(history);
    assertThat(windows).hasSize(1);
    assertThat(windows.get(0).kind()).isEqualTo("kill");
    assertThat(windows.get(0).targets()).containsExactly("n2");
    assertThat(windows.get(0).startNanos()).isEqualTo(3 * SECOND);
    assertThat(windows.get(0).endNanos()).isEqualTo(6 * SECOND);
    assertThat(FaultWindows.healedAt(history)).isPresent();
    assertThat(FaultWindows.healedAt(history).getAsLong()).isGreaterThan(9 * SECOND);
  }
}
