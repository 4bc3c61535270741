package io.statekv.bench.report.internal;

import io.statekv.bench.report.Cell;
import io.statekv.bench.report.ResultSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes {@code report.md}, {@code report.html} and {@code ratios.csv} with the charts beside them. */
public final class ReportWriter {
  private ReportWriter() {}

  /**
   * @param environment what the run was on and how it was set up, in order (machine, versions,
   *     settings)
   */
  public static void write(ResultSet results, Map<String, String> environment, Path dir) throws IOException {
    List<String> charts = Charts.write(results, dir);
    Table env = new Table("", "");
    environment.forEach(env::row);
    Table targets = Tables.targets(results);
    Table ratios = Tables.ratios(results);
    Table absolute = Tables.absolute(results);
    Files.writeString(dir.resolve("report.md"), markdown(env, targets, ratios, absolute, charts));
    Files.writeString(dir.resolve("report.html"), html(env, targets, ratios, absolute, charts));
    Files.writeString(dir.resolve("ratios.csv"), csv(results));
  }

  private static final String INTRO = "Ratios are statekv over etcd: above 1 is better for throughput, below 1 is better"
      + " for p99 latency and CPU per operation. Each ratio is computed per round, from the two runs of that round"
      + " (run back to back), and the table shows the median over rounds with the range. CPU per operation is the"
      + " CPU time (user + system, all threads) of the three server processes during the measured window, divided"
      + " by the operations acknowledged in it.";

  private static String markdown(Table env, Table targets, Table ratios, Table absolute, List<String> charts) {
    StringBuilder out = new StringBuilder("# statekv vs etcd\n\n").append(env.markdown()).append('\n');
    out.append(INTRO).append("\n\n## Goals\n\n").append(targets.markdown());
    out.append("\n## Ratios (statekv / etcd)\n\n").append(ratios.markdown());
    out.append("\n## Figures per system\n\n").append(absolute.markdown()).append("\n## Charts\n\n");
    charts.forEach(c -> out.append("![").append(c).append("](").append(c).append(")\n\n"));
    return out.toString();
  }

  private static String html(Table env, Table targets, Table ratios, Table absolute, List<String> charts) {
    StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>statekv vs etcd</title>\n"
        + "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto}table{border-collapse:collapse;margin:1em 0}"
        + "td,th{border:1px solid #bbb;padding:3px 8px;text-align:right}th{background:#eee}</style></head><body>\n");
    out.append("<h1>statekv vs etcd</h1>\n").append(env.html()).append("<p>").append(Table.escape(INTRO)).append("</p>\n");
    out.append("<h2>Goals</h2>\n").append(targets.html());
    out.append("<h2>Ratios (statekv / etcd)</h2>\n").append(ratios.html());
    out.append("<h2>Figures per system</h2>\n").append(absolute.html()).append("<h2>Charts</h2>\n");
    charts.forEach(c -> out.append("<p><img src=\"").append(c).append("\" alt=\"").append(c).append("\"></p>\n"));
    return out.append("</body></html>\n").toString();
  }

  private static String csv(ResultSet results) {
    StringBuilder out = new StringBuilder("workload,in_flight,rounds,throughput_ratio,p99_ratio,cpu_per_op_ratio\n");
    for (Cell c : results.cells()) {
      if (c.comparable()) {
        out.append(String.format(Locale.ROOT, "%s,%d,%d,%.4f,%.4f,%.4f%n", c.workload(), c.inFlight(),
            c.throughputRatio().values().size(), c.throughputRatio().median(), c.p99Ratio().median(), c.cpuPerOpRatio().median()));
      }
    }
    return out.toString();
  }

  /** The lines a script reads: one per comparable cell, medians of the per-round ratios. */
  public static List<String> ratioLines(ResultSet results) {
    return results.cells().stream().filter(Cell::comparable)
        .map(c -> String.format(Locale.ROOT, "ratio %s %d throughput=%.2f p99=%.2f cpu_per_op=%.2f", c.workload(),
            c.inFlight(), c.throughputRatio().median(), c.p99Ratio().median(), c.cpuPerOpRatio().median()))
        .toList();
  }
}
