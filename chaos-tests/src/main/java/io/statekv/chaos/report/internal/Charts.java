package io.statekv.chaos.report.internal;

import io.statekv.chaos.history.OpType;
import io.statekv.chaos.history.Operation;
import io.statekv.chaos.nemesis.FaultWindow;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's plots, drawn with XChart as PNG: latency of every completed operation over time,
 * coloured by outcome, and completions per second; fault windows are shaded behind both.
 * Stateless; AWT runs headless.
 */
public final class Charts {
  /** Plot size in pixels. */
  public static final int WIDTH = 1100;
  public static final int HEIGHT = 420;
  /** Latencies below this are drawn at it, on the log axis's floor. */
  public static final double LATENCY_MS_MIN = 1;

  static final Map<OpType, Color> COLORS = new EnumMap<>(Map.of(
      OpType.OK, new Color(0x2e7d32), OpType.FAIL, new Color(0xc62828),
      OpType.INFO, new Color(0xef8f00)));
  private static final Color FAULT = new Color(0x6a, 0x1b, 0x9a, 0x30);

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Charts() {}

  /** Latency (ms, log scale) against invocation time (s), one point per completed operation. */
  public static byte[] latency(List<Operation> operations, List<FaultWindow> faults,
      OptionalLong healedAt) throws IOException {
    XYChart chart = base("Latency", "latency (ms)", healedAt);
    chart.getStyler().setYAxisLogarithmic(true);
    double max = 1;
    Map<OpType, List<double[]>> points = new EnumMap<>(OpType.class);
    for (Operation op : operations) {
      if (op.completion() == null || !op.invoke().hasTime() || !op.completion().hasTime()) {
        continue;
      }
      double at = op.invoke().time() / 1e9;
      // The log axis starts at 1 ms, where XChart anchors the fault bands' fill.
      double ms = Math.max(LATENCY_MS_MIN, (op.completion().time() - op.invoke().time()) / 1e6);
      max = Math.max(max, ms);
      points.computeIfAbsent(op.completion().type(), t -> new ArrayList<>())
          .add(new double[] {at, ms});
    }
    shade(chart, faults, LATENCY_MS_MIN, max * 2);
    for (OpType type : List.of(OpType.OK, OpType.FAIL, OpType.INFO)) {
      List<double[]> series = points.getOrDefault(type, List.of());
      if (!series.isEmpty()) {
        XYSeries s = chart.addSeries(type.wireName() + " (" + series.size() + ")",
            series.stream().mapToDouble(p -> p[0]).toArray(),
            series.stream().mapToDouble(p -> p[1]).toArray());
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(COLORS.get(type));
      }
    }
    return png(chart);
  }

  /** Completions per second, one line per outcome. */
  public static byte[] throughput(List<Operation> operations, List<FaultWindow> faults,
      OptionalLong healedAt) throws IOException {
    XYChart chart = base("Throughput", "completions per second", healedAt);
    Map<OpType, double[]> perSecond = Throughput.perSecond(operations);
    double max = 1;
    for (double[] counts : perSecond.values()) {
      for (double c : counts) {
        max = Math.max(max, c);
      }
    }
    shade(chart, faults, 0, max * 1.1);
    for (OpType type : List.of(OpType.OK, OpType.FAIL, OpType.INFO)) {
      double[] counts = perSecond.get(type);
      double[] seconds = new double[counts.length];
      for (int i = 0; i < counts.length; i++) {
        seconds[i] = i + 0.5;
      }
      XYSeries s = chart.addSeries(type.wireName(), seconds, counts);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(COLORS.get(type));
    }
    return png(chart);
  }

  private static XYChart base(String title, String yTitle, OptionalLong healedAt) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle("time since start (s)").yAxisTitle(yTitle).build();
    // A vertical line where traffic and faults ended and the cluster was healed.
    healedAt.ifPresent(at -> chart.addAnnotation(new AnnotationLine(at / 1e9, true, false)));
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setMarkerSize(4);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
    return chart;
  }

  /** One filled band per fault window, from {@code low} to {@code high}, behind the data. */
  private static void shade(XYChart chart, List<FaultWindow> faults, double low, double high) {
    for (int i = 0; i < faults.size(); i++) {
      FaultWindow w = faults.get(i);
      double start = w.startNanos() / 1e9;
      double end = Math.max(start, (w.isOpen() ? w.startNanos() : w.endNanos()) / 1e9);
      XYSeries band = chart.addSeries((i == 0 ? "faults" : "fault " + (i + 1)),
          new double[] {start, start, end, end}, new double[] {low, high, high, low});
      band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
      band.setFillColor(FAULT);
      band.setLineColor(FAULT);
      band.setMarker(SeriesMarkers.NONE);
      band.setShowInLegend(i == 0);
    }
  }

  private static byte[] png(XYChart chart) throws IOException {
    return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
  }
}
