package io.statekv.raft.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The replica's meters, tagged with the node and the Raft group. Meter names start with {@code
 * statekv.raft.} (Prometheus: {@code statekv_raft_...}). Thread-safe; {@link #close} removes every
 * meter from the registry so that a replica can be closed and another opened in one process.
 */
final class ReplicaMetrics implements AutoCloseable {
  private final MeterRegistry registry;
  private final Tags tags;
  private final List<Meter> meters = new ArrayList<>();

  private final Timer commitLatency;
  private final Timer applyLatency;
  private final Counter leaderChanges;
  private final DistributionSummary batchCommands;
  private final DistributionSummary batchBytes;
  private final Timer snapshotTake;
  private final Timer snapshotLoad;

  ReplicaMetrics(MeterRegistry registry, String nodeId, String group) {
    this.registry = registry;
    this.tags = Tags.of("node", nodeId, "group", group);
    this.commitLatency = keep(Timer.builder("statekv.raft.commit.latency")
        .description("From proposal to applied on the leader, per log entry")
        .publishPercentiles(0.5, 0.99).tags(tags).register(registry));
    this.applyLatency = keep(Timer.builder("statekv.raft.apply.latency")
        .description("Time to apply one log entry to the store").tags(tags).register(registry));
    this.leaderChanges = keep(Counter.builder("statekv.raft.leader.changes")
        .description("Leader changes seen by this node").tags(tags).register(registry));
    this.batchCommands = keep(DistributionSummary.builder("statekv.raft.batch.commands")
        .description("Client commands per proposed log entry").tags(tags).register(registry));
    this.batchBytes = keep(DistributionSummary.builder("statekv.raft.batch.bytes")
        .baseUnit("bytes").description("Bytes of client commands per proposed log entry").tags(tags).register(registry));
    this.snapshotTake = keep(Timer.builder("statekv.raft.snapshot.take")
        .description("Time to write a snapshot").tags(tags).register(registry));
    this.snapshotLoad = keep(Timer.builder("statekv.raft.snapshot.load")
        .description("Time to load a snapshot, at start-up or after an install from the leader")
        .tags(tags).register(registry));
  }

  /** Registers a gauge read on every scrape. */
  void gauge(String name, String description, String baseUnit, Supplier<Number> value) {
    keep(Gauge.builder(name, value).description(description).baseUnit(baseUnit).tags(tags).register(registry));
  }

  void commitLatency(long nanos) {
    commitLatency.record(nanos, TimeUnit.NANOSECONDS);
  }

  void applyLatency(long nanos) {
    applyLatency.record(nanos, TimeUnit.NANOSECONDS);
  }

  void leaderChanged() {
    leaderChanges.increment();
  }

  void batchProposed(int commands, long bytes) {
    batchCommands.record(commands);
    batchBytes.record(bytes);
  }

  void snapshotTaken(long nanos) {
    snapshotTake.record(nanos, TimeUnit.NANOSECONDS);
  }

  void snapshotLoaded(long nanos) {
    snapshotLoad.record(nanos, TimeUnit.NANOSECONDS);
  }

  private <M extends Meter> M keep(M meter) {
    synchronized (meters) {
      meters.add(meter);
    }
    return meter;
  }

  @Override
  public void close() {
    synchronized (meters) {
      meters.forEach(registry::remove);
      meters.clear();
    }
  }
}
