package io.statekv.chaos.report;

import static io.statekv.chaos.report.internal.Html.escape;

import io.statekv.chaos.checker.Verdict;
import io.statekv.chaos.nemesis.FaultWindow;
import io.statekv.chaos.workload.CheckerVerdict;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@code report.html}: the verdict first, then the run's parameters, each checker's
 * verdict and report, the convergence check, the plots (PNG files beside the page) and the fault
 * windows. A self-contained page with no scripts. Stateless.
 */
public final class HtmlReport {
  /** The plot files the page shows, written beside it. */
  public static final String LATENCY_PNG = "latency.png";
  public static final String THROUGHPUT_PNG = "throughput.png";

  private HtmlReport() {}

  /** The page for a run. */
  public static String render(RunReport run, List<String> files) {
    StringBuilder out = new StringBuilder(16_384);
    out.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>").append(escape(run.title())).append("</title>\n<style>")
        .append("body{font-family:sans-serif;margin:2em;max-width:1200px}")
        .append("table{border-collapse:collapse;margin:0.5em 0}")
        .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}")
        .append(".valid{background:#c8e6c9}.invalid{background:#ffcdd2}.unknown{background:#fff3c4}")
        .append("pre{background:#f5f5f5;padding:0.5em;overflow-x:auto;max-height:30em}")
        .append("</style></head><body>\n");
    Verdict overall = run.overall();
    out.append("<h1>").append(escape(run.title())).append("</h1>\n<p class=\"")
        .append(cls(overall)).append("\"><b>Verdict: ").append(word(overall)).append("</b></p>\n");
    section(out, "Parameters");
    table(out, run.parameters());
    verdicts(out, run);
    section(out, "Convergence");
    out.append("<p class=\"").append(run.converged() ? "valid" : "invalid").append("\">")
        .append(run.converged() ? "converged" : "did not converge").append(": ")
        .append(escape(run.convergenceNote())).append("</p>\n");
    section(out, "Latency and throughput");
    out.append("<p>Each point is one operation: when it was invoked, and how long it took (under 1 ms"
        + " drawn at 1 ms). Shaded bands are fault windows. The vertical line marks the end of"
        + " traffic and faults, when the cluster was healed; operations after it are the final"
        + " reads.</p>\n");
    out.append("<img src=\"").append(LATENCY_PNG).append("\" alt=\"latency over time\"><br>\n");
    out.append("<img src=\"").append(THROUGHPUT_PNG).append("\" alt=\"throughput over time\">\n");
    faults(out, run.faults());
    if (!run.problems().isEmpty()) {
      section(out, "Harness problems");
      out.append("<ul>");
      run.problems().forEach(p -> out.append("<li>").append(escape(p)).append("</li>"));
      out.append("</ul>\n");
    }
    section(out, "Files");
    out.append("<ul>");
    files.forEach(f -> out.append("<li><a href=\"").append(escape(f)).append("\">")
        .append(escape(f)).append("</a></li>"));
    out.append("</ul>\n</body></html>\n");
    return out.toString();
  }

  private static void verdicts(StringBuilder out, RunReport run) {
    section(out, "Checkers");
    out.append("<table><tr><th>checker</th><th>verdict</th><th>stats</th></tr>\n");
    for (CheckerVerdict v : run.verdicts()) {
      out.append("<tr><td>").append(escape(v.checker())).append("</td><td class=\"")
          .append(cls(v.verdict())).append("\">").append(word(v.verdict())).append("</td><td>");
      v.stats().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out
          .append(escape(e.getKey())).append(": ").append(e.getValue()).append("<br>"));
      out.append("</td></tr>\n");
    }
    out.append("</table>\n");
    for (CheckerVerdict v : run.verdicts()) {
      out.append("<h3>").append(escape(v.checker())).append("</h3><pre>")
          .append(escape(v.report())).append("</pre>\n");
    }
  }

  private static void faults(StringBuilder out, List<FaultWindow> faults) {
    section(out, "Faults (" + faults.size() + ")");
    out.append("<table><tr><th>start (s)</th><th>end (s)</th><th>kind</th><th>targets</th>"
        + "<th>what</th></tr>\n");
    for (FaultWindow w : faults) {
      out.append("<tr><td>").append(seconds(w.startNanos())).append("</td><td>")
          .append(w.isOpen() ? "open" : seconds(w.endNanos())).append("</td><td>")
          .append(escape(w.kind())).append("</td><td>")
          .append(escape(String.join(", ", w.targets()))).append("</td><td>")
          .append(escape(w.description())).append("</td></tr>\n");
    }
    out.append("</table>\n");
  }

  private static void table(StringBuilder out, Map<String, String> rows) {
    out.append("<table>");
    rows.forEach((k, v) -> out.append("<tr><th>").append(escape(k)).append("</th><td>")
        .append(escape(v)).append("</td></tr>"));
    out.append("</table>\n");
  }

  private static void section(StringBuilder out, String title) {
    out.append("<h2>").append(escape(title)).append("</h2>\n");
  }

  static String word(Verdict verdict) {
    return verdict.name().toLowerCase(Locale.ROOT);
  }

  private static String cls(Verdict verdict) {
    return word(verdict);
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
  }
}
