package io.statekv.chaos.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statekv.chaos.history.OpType;
import io.statekv.chaos.history.Operation;
import io.statekv.chaos.nemesis.FaultWindow;
import io.statekv.chaos.report.internal.Charts;
import io.statekv.chaos.workload.CheckerVerdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Writes a run's report files into its folder: {@code verdicts.json}, {@code summary.txt}, the
 * plots and {@code report.html}. Stateless.
 */
public final class ReportFiles {
  public static final String VERDICTS_JSON = "verdicts.json";
  public static final String SUMMARY_TXT = "summary.txt";
  public static final String REPORT_HTML = "report.html";

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private ReportFiles() {}

  /** Writes every report file into {@code dir}. */
  public static void write(RunReport run, Path dir) throws IOException {
    Files.writeString(dir.resolve(VERDICTS_JSON), verdictsJson(run), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(SUMMARY_TXT), summary(run), StandardCharsets.UTF_8);
    List<Operation> ops = run.history().operations();
    OptionalLong healedAt = FaultWindows.healedAt(run.history());
    Files.write(dir.resolve(HtmlReport.LATENCY_PNG), Charts.latency(ops, run.faults(), healedAt));
    Files.write(dir.resolve(HtmlReport.THROUGHPUT_PNG),
        Charts.throughput(ops, run.faults(), healedAt));
    List<String> files;
    // Depth 3 reaches nodes/nX/node.log and node.yaml, not the files of the nodes' data dirs.
    try (Stream<Path> listing = Files.walk(dir, 3)) {
      files = listing.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
          .filter(f -> !f.equals(REPORT_HTML)).sorted().toList();
    }
    Files.writeString(dir.resolve(REPORT_HTML), HtmlReport.render(run, files),
        StandardCharsets.UTF_8);
  }

  /** The machine-readable verdicts. */
  public static String verdictsJson(RunReport run) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("title", run.title());
    root.put("verdict", HtmlReport.word(run.overall()));
    root.put("converged", run.converged());
    root.put("convergence", run.convergenceNote());
    ArrayNode checkers = root.putArray("checkers");
    for (CheckerVerdict v : run.verdicts()) {
      ObjectNode c = checkers.addObject();
      c.put("checker", v.checker());
      c.put("verdict", HtmlReport.word(v.verdict()));
      ObjectNode stats = c.putObject("stats");
      v.stats().forEach(stats::put);
    }
    ObjectNode parameters = root.putObject("parameters");
    run.parameters().forEach(parameters::put);
    ArrayNode faults = root.putArray("faults");
    for (FaultWindow w : run.faults()) {
      ObjectNode fault = (ObjectNode) FaultWindows.value(w);
      fault.put("start_nanos", w.startNanos()).put("end_nanos", w.endNanos());
      faults.add(fault);
    }
    ArrayNode problems = root.putArray("problems");
    run.problems().forEach(problems::add);
    return JSON.writeValueAsString(root) + "\n";
  }

  /** The human-readable summary. */
  public static String summary(RunReport run) {
    StringBuilder out = new StringBuilder();
    out.append(run.title()).append(": ").append(HtmlReport.word(run.overall())).append('\n');
    run.parameters().forEach((k, v) -> out.append("  ").append(k).append(": ").append(v)
        .append('\n'));
    List<Operation> ops = run.history().operations();
    out.append(String.format(Locale.ROOT, "operations: %d (ok %d, fail %d, info %d)%n",
        ops.size(), count(ops, OpType.OK), count(ops, OpType.FAIL), count(ops, OpType.INFO)));
    out.append("faults: ").append(run.faults().size()).append('\n');
    out.append("convergence: ").append(run.converged() ? "converged" : "did not converge")
        .append(" (").append(run.convergenceNote()).append(")\n");
    for (CheckerVerdict v : run.verdicts()) {
      out.append("checker ").append(v.checker()).append(": ").append(HtmlReport.word(v.verdict()))
          .append('\n');
    }
    run.problems().forEach(p -> out.append("problem: ").append(p).append('\n'));
    return out.toString();
  }

  private static long count(List<Operation> ops, OpType type) {
    return ops.stream().filter(o -> o.completion() != null && o.completion().type() == type)
        .count();
  }
}
