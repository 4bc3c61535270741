package io.statekv.chaos.workload;

import com.fasterxml.jackson.databind.JsonNode;
import io.statekv.chaos.history.HistoryWriter;
import io.statekv.chaos.history.Op;
import io.statekv.chaos.history.OpType;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records a run's history as JSON lines while it goes on: each client invocation and completion,
 * and each nemesis event, stamped with nanoseconds since the run started on a monotonic clock.
 *
 * <p>Thread-safe. The time is taken and the line written under one lock, so the file is in
 * real-time order and its times never go backwards, as the history format requires. Each line is
 * flushed, so a run that dies leaves a readable history.
 */
public final class HistoryRecorder implements Closeable {
  /** Counts of completions so far, for the progress line. */
  public record Counts(long invoked, long ok, long fail, long info) {}

  private final HistoryWriter writer;
  private final long startNanos;
  private final AtomicLong invoked = new AtomicLong();
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong fail = new AtomicLong();
  private final AtomicLong info = new AtomicLong();

  /** Records to {@code writer}; the run's clock starts now. */
  public HistoryRecorder(HistoryWriter writer) {
    this.writer = writer;
    this.startNanos = System.nanoTime();
  }

  /** Creates (or truncates) {@code file}. */
  public static HistoryRecorder create(Path file) throws IOException {
    return new HistoryRecorder(HistoryWriter.create(file));
  }

  /** Nanoseconds since the run started. */
  public long now() {
    return System.nanoTime() - startNanos;
  }

  /** Records that {@code process} invokes {@code op}. */
  public synchronized void invoke(long process, Invocation op) {
    write(new Op(Op.INDEX_UNASSIGNED, process, OpType.INVOKE, op.f(), op.value(), now(), null));
    invoked.incrementAndGet();
  }

  /** Records how the open operation of {@code process} ended. */
  public synchronized void complete(long process, String f, Completion completion) {
    write(new Op(Op.INDEX_UNASSIGNED, process, completion.type(), f, completion.value(), now(),
        completion.error()));
    switch (completion.type()) {
      case OK -> ok.incrementAndGet();
      case FAIL -> fail.incrementAndGet();
      default -> info.incrementAndGet();
    }
  }

  /** Records a nemesis event, such as the start or end of a fault. */
  public synchronized void nemesis(String f, JsonNode value) {
    write(new Op(Op.INDEX_UNASSIGNED, Op.NEMESIS_PROCESS, OpType.INFO, f, value, now(), null));
  }

  public Counts counts() {
    return new Counts(invoked.get(), ok.get(), fail.get(), info.get());
  }

  private void write(Op op) {
    try {
      writer.write(op);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the history", e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    writer.close();
  }
}
