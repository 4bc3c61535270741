package io.statekv.bench.report;

import io.statekv.bench.load.RunResult;
import java.util.List;

/**
 * One workload at one in-flight count: the runs of both systems, and their comparison. Immutable.
 *
 * @param workload the workload label
 * @param inFlight operations in flight
 * @param statekv statekv's runs, by round
 * @param etcd etcd's runs, by round
 */
public record Cell(String workload, int inFlight, List<RunResult> statekv, List<RunResult> etcd) {
  public Cell {
    statekv = List.copyOf(statekv);
    etcd = List.copyOf(etcd);
  }

  /** The runs of one system. */
  public List<RunResult> runs(String system) {
    return system.equals("statekv") ? statekv : etcd;
  }

  /** Throughput of statekv over etcd's, per round in which both ran. */
  public Spread throughputRatio() {
    return Spread.ofRatios(this, RunResult::throughput);
  }

  /** p99 latency of statekv over etcd's (below 1 is better), per round. */
  public Spread p99Ratio() {
    return Spread.ofRatios(this, r -> r.latency("99"));
  }

  /** Server CPU per operation of statekv over etcd's (below 1 is better), per round. */
  public Spread cpuPerOpRatio() {
    return Spread.ofRatios(this, RunResult::serverCpuPerOpMicros);
  }

  /** Both systems ran in at least one common round. */
  public boolean comparable() {
    return !throughputRatio().values().isEmpty();
  }
}
