package io.statekv.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.bench.load.RunResult;
import io.statekv.bench.report.internal.ReportWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  static RunResult result(String system, String workload, int inFlight, int round, double throughput, double p99, double cpuPerOp) {
    return new RunResult(system, workload, inFlight, round, "2026-01-01T00:00:00Z", 10, (long) (throughput * 10), 0,
        Map.of(), throughput, Map.of("50", p99 / 2, "90", p99 * 0.8, "99", p99, "99.9", p99 * 2, "100", p99 * 3),
        p99 / 2, cpuPerOp * throughput * 10 / 1e6, 1.0, cpuPerOp, 10.0, List.of(1.0, 2.0), List.of());
  }

  @Test
  void ratiosArePairedByRoundAndTheMedianIsReported() {
    ResultSet set = ResultSet.of(List.of(
        result("statekv", "put", 64, 1, 6000, 40, 100),
        result("etcd", "put", 64, 1, 3000, 80, 250),
        result("statekv", "put", 64, 2, 3000, 60, 120),
        result("etcd", "put", 64, 2, 2000, 60, 240),
        result("statekv", "put", 64, 3, 9000, 20, 90),
        result("etcd", "put", 64, 3, 3000, 80, 300),
        // A round that only statekv ran is not paired.
        result("statekv", "put", 64, 4, 100, 1000, 1000)));
    Cell cell = set.cells().get(0);
    assertThat(cell.throughputRatio().values()).containsExactly(1.5, 2.0, 3.0);
    assertThat(cell.throughputRatio().median()).isEqualTo(2.0);
    assertThat(cell.p99Ratio().median()).isEqualTo(0.5);
    assertThat(cell.cpuPerOpRatio().median()).isEqualTo(0.4);
    assertThat(ReportWriter.ratioLines(set)).containsExactly("ratio put 64 throughput=2.00 p99=0.50 cpu_per_op=0.40");
  }

  @Test
  void cellsFollowTheWorkloadOrderThenTheInFlightCount() {
    ResultSet set = ResultSet.of(List.of(
        result("statekv", "cas", 16, 1, 1, 1, 1), result("etcd", "cas", 16, 1, 1, 1, 1),
        result("statekv", "put", 256, 1, 1, 1, 1), result("etcd", "put", 256, 1, 1, 1, 1),
        result("statekv", "put", 16, 1, 1, 1, 1), result("etcd", "put", 16, 1, 1, 1, 1),
        result("statekv", "get-serializable", 64, 1, 1, 1, 1)));
    assertThat(set.cells()).extracting(c -> c.workload() + "/" + c.inFlight())
        .containsExactly("put/16", "put/256", "get-serializable/64", "cas/16");
    assertThat(ReportWriter.ratioLines(set)).hasSize(3);
  }

  @Test
  void goalsAreCheckedOnTheirCell() {
    ResultSet set = ResultSet.of(List.of(
        result("statekv", "put", 64, 1, 6000, 40, 100), result("etcd", "put", 64, 1, 3000, 80, 250),
        result("statekv", "get", 64, 1, 5000, 40, 100), result("etcd", "get", 64, 1, 3000, 80, 250)));
    Target writes = Target.GOALS.get(0);
    assertThat(writes.measured(set)).hasValueSatisfying(s -> assertThat(writes.met(s.median())).isTrue());
    Target reads = Target.GOALS.get(2);
    assertThat(reads.measured(set)).hasValueSatisfying(s -> assertThat(reads.met(s.median())).isFalse());
    Target serializable = Target.GOALS.get(3);
    assertThat(serializable.measured(set)).isEmpty();
    Target cpu = Target.GOALS.get(4);
    assertThat(cpu.measured(set)).hasValueSatisfying(s -> assertThat(cpu.met(s.median())).isTrue());
  }

  @Test
  void writesTheReportFilesAndCharts(@TempDir Path dir) throws Exception {
    ResultSet set = ResultSet.of(List.of(
        result("statekv", "put", 16, 1, 3000, 10, 100), result("etcd", "put", 16, 1, 1500, 20, 250),
        result("statekv", "put", 64, 1, 6000, 40, 100), result("etcd", "put", 64, 1, 3000, 80, 250)));
    ReportWriter.write(set, Map.of("machine", "test"), dir);
    assertThat(dir.resolve("report.md")).content()
        .contains("| put | 64 | 2.00 | 0.50 | 0.40 | 1 |")
        .contains("![throughput-put.png](throughput-put.png)");
    assertThat(dir.resolve("report.html")).content().contains("<table>").contains("latency-put.png");
    assertThat(dir.resolve("ratios.csv")).content().contains("put,64,1,2.0000,0.5000,0.4000");
    for (String chart : List.of("throughput-put.png", "latency-put.png", "server-cpu-per-op.png")) {
      assertThat(Files.size(dir.resolve(chart))).isGreaterThan(1_000);
    }
  }
}
