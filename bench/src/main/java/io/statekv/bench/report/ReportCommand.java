package io.statekv.bench.report;

import io.statekv.bench.report.internal.Environment;
import io.statekv.bench.report.internal.ReportWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Turns the results of a run folder into the side-by-side report, and prints one {@code ratio}
 * line per workload and in-flight count last, for scripts.
 */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Writes the statekv vs etcd report.")
public final class ReportCommand implements Callable<Integer> {
  @Option(names = "--dir", required = true, description = "the report folder; results are read from DIR/runs")
  Path dir;

  @Override
  public Integer call() throws Exception {
    Path runs = dir.resolve("runs");
    if (!Files.isDirectory(runs)) {
      System.err.println("no results: " + runs + " is not a folder");
      return 1;
    }
    ResultSet results = ResultSet.read(runs);
    ReportWriter.write(results, Environment.describe(dir), dir);
    System.err.println("report written to " + dir.resolve("report.md") + " and " + dir.resolve("report.html"));
    ReportWriter.ratioLines(results).forEach(System.out::println);
    return 0;
  }
}
