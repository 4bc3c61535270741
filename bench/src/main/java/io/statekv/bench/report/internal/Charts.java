package io.statekv.bench.report.internal;

import io.statekv.bench.load.RunResult;
import io.statekv.bench.report.Cell;
import io.statekv.bench.report.ResultSet;
import io.statekv.bench.report.Spread;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The report's plots, as PNG files: throughput against in-flight count and latency percentiles,
 * one of each per workload, and server CPU per operation for every cell. Each point is the median
 * over the rounds.
 */
public final class Charts {
  static final List<String> SYSTEMS = List.of("statekv", "etcd");
  private static final List<String> PLOTTED_PERCENTILES = List.of("50", "90", "99", "99.9");
  private static final int WIDTH = 800;
  private static final int HEIGHT = 480;

  private Charts() {}

  /** Writes every chart into {@code dir}; returns the file names, in report order. */
  public static List<String> write(ResultSet results, Path dir) throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<String> files = new ArrayList<>();
    for (String workload : results.workloads()) {
      files.add(save(throughput(workload, results.cells(workload)), dir, "throughput-" + workload));
      files.add(save(latency(workload, results.cells(workload)), dir, "latency-" + workload));
    }
    files.add(save(cpuPerOp(results), dir, "server-cpu-per-op"));
    return files;
  }

  private static String save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path dir, String name) throws IOException {
    BitmapEncoder.saveBitmap(chart, dir.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
    return name + ".png";
  }

  static XYChart throughput(String workload, List<Cell> cells) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title(workload + ": throughput by operations in flight (median of rounds)")
        .xAxisTitle("operations in flight").yAxisTitle("ops/s").build();
    chart.getStyler().setXAxisLogarithmic(true).setYAxisMin(0.0).setYAxisDecimalPattern("#,###")
        .setLegendPosition(Styler.LegendPosition.InsideNW);
    for (String system : SYSTEMS) {
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (Cell cell : cells) {
        Spread s = Spread.of(cell.runs(system), RunResult::throughput);
        if (!s.values().isEmpty()) {
          x.add((double) cell.inFlight());
          y.add(s.median());
        }
      }
      if (!x.isEmpty()) {
        chart.addSeries(system, x, y);
      }
    }
    return chart;
  }

  static CategoryChart latency(String workload, List<Cell> cells) {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
        .title(workload + ": latency percentiles (median of rounds)")
        .xAxisTitle("percentile").yAxisTitle("ms (log scale)").build();
    // Lines, not bars: XChart starts bars at zero, which a logarithmic axis cannot show.
    chart.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Line)
        .setYAxisLogarithmic(true).setLegendPosition(Styler.LegendPosition.InsideNW);
    List<String> categories = PLOTTED_PERCENTILES.stream().map(p -> "p" + p).toList();
    for (Cell cell : cells) {
      for (String system : SYSTEMS) {
        if (cell.runs(system).isEmpty()) {
          continue;
        }
        List<Double> ms = PLOTTED_PERCENTILES.stream()
            .map(p -> Spread.of(cell.runs(system), r -> r.latency(p)).median()).toList();
        chart.addSeries(system + " x" + cell.inFlight(), categories, ms);
      }
    }
    return chart;
  }

  static CategoryChart cpuPerOp(ResultSet results) {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH + 200).height(HEIGHT)
        .title("server CPU per operation, all members (median of rounds)")
        .xAxisTitle("workload x in flight").yAxisTitle("CPU microseconds per op").build();
    chart.getStyler().setXAxisLabelRotation(30);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    for (String system : SYSTEMS) {
      List<String> labels = new ArrayList<>();
      List<Double> micros = new ArrayList<>();
      for (Cell cell : results.cells()) {
        labels.add(cell.workload() + " x" + cell.inFlight());
        Spread s = Spread.of(cell.runs(system), RunResult::serverCpuPerOpMicros);
        micros.add(s.values().isEmpty() ? 0.0 : s.median());
      }
      chart.addSeries(system, labels, micros);
    }
    return chart;
  }
}
