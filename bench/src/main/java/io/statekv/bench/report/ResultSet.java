package io.statekv.bench.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statekv.bench.load.RunResult;
import io.statekv.bench.load.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every result of a report folder, grouped into cells in workload and in-flight order. Immutable. */
public record ResultSet(List<RunResult> runs, List<Cell> cells) {
  public ResultSet {
    runs = List.copyOf(runs);
    cells = List.copyOf(cells);
  }

  /** Reads every {@code *.json} result in {@code dir}. */
  public static ResultSet read(Path dir) throws IOException {
    ObjectMapper mapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    List<RunResult> runs = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        runs.add(mapper.readValue(file.toFile(), RunResult.class));
      }
    }
    return of(runs);
  }

  /** Groups results into cells. */
  public static ResultSet of(List<RunResult> runs) {
    Map<String, Map<Integer, List<RunResult>>> byCell = new TreeMap<>(Comparator.comparingInt(ResultSet::workloadOrder));
    for (RunResult r : runs) {
      byCell.computeIfAbsent(r.workload(), w -> new TreeMap<>()).computeIfAbsent(r.inFlight(), i -> new ArrayList<>()).add(r);
    }
    List<Cell> cells = new ArrayList<>();
    byCell.forEach((workload, byInFlight) -> byInFlight.forEach((inFlight, results) -> {
      List<RunResult> sorted = results.stream().sorted(Comparator.comparingInt(RunResult::round)).toList();
      cells.add(new Cell(workload, inFlight,
          sorted.stream().filter(r -> r.system().equals("statekv")).toList(),
          sorted.stream().filter(r -> r.system().equals("etcd")).toList()));
    }));
    return new ResultSet(runs, cells);
  }

  /** The workloads present, in the order of {@link Workload}. */
  public List<String> workloads() {
    return cells.stream().map(Cell::workload).distinct().toList();
  }

  /** The cells of one workload, by in-flight count. */
  public List<Cell> cells(String workload) {
    return cells.stream().filter(c -> c.workload().equals(workload)).toList();
  }

  private static int workloadOrder(String label) {
    for (Workload w : Workload.values()) {
      if (w.label().equals(label)) {
        return w.ordinal();
      }
    }
    return Workload.values().length + Math.abs(label.hashCode() % 1000);
  }
}
