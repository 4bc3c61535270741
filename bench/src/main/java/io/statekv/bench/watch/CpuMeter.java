package io.statekv.bench.watch;

import io.statekv.bench.load.internal.ProcessCpu;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time of the cluster's processes and of the benchmark's own, so that a phase can report the
 * CPU each write cost on each side. On a machine where the watchers' process shares the cores with
 * the nodes, throughput alone cannot tell the nodes' fan-out cost from the watchers' own work.
 */
final class CpuMeter {
  private final List<Long> clusterPids;

  /** @param clusterPid the dev cluster's process, or 0 when the cluster's CPU is not measured */
  CpuMeter(long clusterPid) {
    List<Long> pids = new ArrayList<>();
    if (clusterPid > 0) {
      ProcessHandle root = ProcessHandle.of(clusterPid)
          .orElseThrow(() -> new IllegalArgumentException("no process " + clusterPid));
      pids.add(root.pid());
      root.descendants().forEach(p -> pids.add(p.pid()));
    }
    this.clusterPids = List.copyOf(pids);
  }

  boolean measuresCluster() {
    return !clusterPids.isEmpty();
  }

  /** CPU seconds used so far by the cluster's processes (0 when not measured) and by this JVM. */
  Mark mark() {
    return new Mark(clusterPids.isEmpty() ? 0 : ProcessCpu.seconds(clusterPids), ProcessCpu.self());
  }

  /** CPU seconds used so far by the cluster and by the benchmark. */
  record Mark(double cluster, double bench) {
    /** Microseconds of CPU per write on each side between {@code start} and this mark. */
    PerWrite perWrite(Mark start, long writes) {
      double w = Math.max(1, writes);
      return new PerWrite(1e6 * (cluster - start.cluster) / w, 1e6 * (bench - start.bench) / w);
    }
  }

  /** Microseconds of CPU per acknowledged write, in the cluster and in the benchmark. */
  record PerWrite(double cluster, double bench) {}
}
