package io.statekv.raft.internal;

import io.statekv.protocol.v1.BatchResult;
import io.statekv.protocol.v1.ClientCommand;
import io.statekv.protocol.v1.CommandBatch;
import io.statekv.protocol.v1.CommandResult;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.protocol.v1.LogEntry;
import io.statekv.raft.ReplicaException;
import io.statekv.raft.internal.BatchKeys.KeyRef;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's write path: client commands wait in a bounded queue and leave it as batches, one
 * log entry each, with at most {@code proposalsInFlightMax} entries in flight. While entries are in
 * flight, new commands accumulate, so the batch size follows the load.
 *
 * <p><b>Sealed batches.</b> Waiting only helps a batch that reaches the end of the queue. A batch
 * that closes on one of the rules below before the queue ends is sealed: the commands that arrive
 * later queue behind it and cannot join it. A sealed batch is proposed even when every slot is
 * taken, up to {@link #SEALED_IN_FLIGHT_MAX} entries in flight and {@link #OVERFLOW_BYTES_MAX} bytes
 * of such entries beyond the slots. This is what keeps a hot key fast: each of its writes needs an
 * entry of its own, and {@code proposalsInFlightMax} entries in flight would cap it at that many
 * writes per commit round trip.
 *
 * <p><b>Pipelining.</b> With entries in flight, a further entry pays off only when it carries enough
 * commands: each entry costs every replica a log write, an fsync and messages, whatever it holds. So
 * while {@code k} entries are in flight, the head batch leaves for a free slot only once it holds
 * {@code pipelineCommandsMin × k} commands, or is sealed; otherwise it keeps growing until it does,
 * or until an entry completes. With no entry in flight it always leaves at once, so a lone request
 * never waits. Under light load this keeps one or two well-filled entries in flight instead of
 * several small ones; under heavy load every slot fills. docs/benchmarks.md has the measurements.
 *
 * <p><b>Batching rule.</b> A batch closes at {@code batchCommandsMax} commands, before the command
 * that would take it past {@link #BATCH_BYTES_MAX}, or before a command that touches a key already
 * in the batch. The last rule gives every change of a key its own revision (a revision is a log
 * index), and lets a txn's compares see the state before the other commands of its entry.
 *
 * <p><b>Outcomes.</b> A command that never reached Raft fails with a definite code ({@code
 * not_leader}, {@code unavailable}); once its entry was proposed, any failure is {@code timeout}
 * (outcome unknown), because the entry may still commit.
 *
 * <p>Thread-safe. All state lives on one thread, which also proposes, so entries reach Raft in
 * queue order; futures complete on that thread.
 */
final class LeaderBatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderBatcher.class);

  /** The largest client command accepted: a value at the highest value_bytes_max, plus its envelope. */
  static final int COMMAND_BYTES_MAX = io.statekv.storage.Limits.VALUE_BYTES_MAX_CEILING + (1 << 20);

  /** The largest log entry the Ratis settings admit (segment, appender buffer and gRPC message). */
  static final int ENTRY_BYTES_MAX = 32 << 20;

  /** A batch stops growing here, so that it still admits one command of the largest size. */
  static final int BATCH_BYTES_MAX = ENTRY_BYTES_MAX - COMMAND_BYTES_MAX;

  /** Entries in flight at most while the batch at the head of the queue is sealed. */
  static final int SEALED_IN_FLIGHT_MAX = 64;

  /**
   * Bytes of commands in the entries proposed beyond {@code proposalsInFlightMax}, at most (one
   * batch may overshoot it by its own size). The Ratis write byte limit leaves room for them.
   */
  static final long OVERFLOW_BYTES_MAX = ENTRY_BYTES_MAX;

  /** Commands waiting for a batch, at most. */
  static final int QUEUE_COMMANDS_MAX = 10_000;

  /** Bytes of commands waiting for a batch, at most (always admits one command of the largest size). */
  static final long QUEUE_BYTES_MAX = 64L << 20;

  private final EntryProposer proposer;
  private final Supplier<ReplicaException> notLeader;
  private final InstantSource clock;
  private final ReplicaMetrics metrics;
  private final int batchCommandsMax;
  private final int proposalsInFlightMax;
  private final int pipelineCommandsMin;
  private final Duration requestTimeout;
  private final ExecutorService thread;

  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  /** The batch the head of the queue would make now, kept up to date as commands arrive. */
  private final Set<KeyRef> headKeys = new HashSet<>();
  private int headCommands;
  private long headBytes;
  private boolean headSealed;
  private final AtomicLong queuedCommands = new AtomicLong();
  private final AtomicLong queuedBytes = new AtomicLong();
  private int inFlight;
  private long overflowBytes;

  private record Pending(
      ClientCommand command, int bytes, List<KeyRef> keys, CompletableFuture<CommandResult> result, long queuedNanos) {}

  /**
   * @param notLeader answers null while this node leads, or the failure to give otherwise
   */
  LeaderBatcher(
      String name,
      EntryProposer proposer,
      Supplier<ReplicaException> notLeader,
      InstantSource clock,
      ReplicaMetrics metrics,
      int batchCommandsMax,
      int proposalsInFlightMax,
      int pipelineCommandsMin,
      Duration requestTimeout) {
    this.proposer = proposer;
    this.notLeader = notLeader;
    this.clock = clock;
    this.metrics = metrics;
    this.batchCommandsMax = batchCommandsMax;
    this.proposalsInFlightMax = proposalsInFlightMax;
    this.pipelineCommandsMin = pipelineCommandsMin;
    this.requestTimeout = requestTimeout;
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "statekv-batcher-" + name);
      t.setDaemon(true);
      return t;
    });
  }

  /** Queues a command; see the class comment for how its future completes. */
  CompletableFuture<CommandResult> submit(ClientCommand command) {
    int bytes = command.getSerializedSize();
    if (bytes > COMMAND_BYTES_MAX) {
      return Failures.failed(new ReplicaException(
          ErrorCode.REQUEST_TOO_LARGE, "the command is " + bytes + " bytes, more than " + COMMAND_BYTES_MAX));
    }
    if (!reserve(bytes)) {
      return Failures.failed(Failures.unavailable("the leader's proposal queue is full; retry later"));
    }
    Pending p = new Pending(command, bytes, BatchKeys.of(command), new CompletableFuture<>(), System.nanoTime());
    if (!run(() -> enqueue(p))) {
      release(p);
      p.result.completeExceptionally(Failures.unavailable("the replica is closing"));
    }
    return p.result;
  }

  /**
   * Proposes an entry of its own (expiry, settings) in order with the batches. It counts as in
   * flight but never waits for a free slot: such entries are rare and small.
   */
  CompletableFuture<BatchResult> proposeAlone(LogEntry.Builder entry) {
    CompletableFuture<BatchResult> result = new CompletableFuture<>();
    if (!run(() -> proposeAloneNow(entry, result))) {
      result.completeExceptionally(Failures.unavailable("the replica is closing"));
    }
    return result;
  }

  /** Fails every queued command, which never reached Raft, with the given definite failure. */
  void failQueued(ReplicaException failure) {
    run(() -> failQueuedNow(failure));
  }

  private boolean reserve(int bytes) {
    if (queuedCommands.incrementAndGet() > QUEUE_COMMANDS_MAX) {
      queuedCommands.decrementAndGet();
      return false;
    }
    if (queuedBytes.addAndGet(bytes) > Math.max(QUEUE_BYTES_MAX, bytes)) {
      queuedBytes.addAndGet(-bytes);
      queuedCommands.decrementAndGet();
      return false;
    }
    return true;
  }

  private void release(Pending p) {
    queuedCommands.decrementAndGet();
    queuedBytes.addAndGet(-p.bytes);
  }

  private void enqueue(Pending p) {
    queue.add(p);
    extendHead(p);
    drain();
  }

  private void drain() {
    while (!queue.isEmpty()) {
      boolean overflow = inFlight >= proposalsInFlightMax;
      if (overflow ? !mayOverflow() : !mayPipeline()) {
        return;
      }
      ReplicaException refusal = notLeader.get();
      if (refusal != null) {
        failQueuedNow(refusal);
        return;
      }
      List<Pending> batch = takeBatch();
      rescanHead();
      if (!batch.isEmpty()) {
        propose(batch, overflow);
      }
    }
  }

  /** With a slot free, the head batch goes if nothing is in flight, or if it is sealed or full enough. */
  private boolean mayPipeline() {
    return inFlight == 0 || headSealed || headCommands >= (long) pipelineCommandsMin * inFlight;
  }

  /** With every slot taken, a sealed head batch may still go, within the overflow bounds. */
  private boolean mayOverflow() {
    return headSealed && inFlight < SEALED_IN_FLIGHT_MAX && overflowBytes + headBytes <= OVERFLOW_BYTES_MAX;
  }

  private void failQueuedNow(ReplicaException failure) {
    for (Pending p; (p = queue.poll()) != null; ) {
      release(p);
      p.result.completeExceptionally(failure);
    }
    rescanHead();
  }

  /** Adds a command that joined the queue's tail to the head batch, unless that batch is sealed. */
  private void extendHead(Pending p) {
    if (headSealed) {
      return;
    }
    if (closesBefore(headCommands, headBytes, headKeys, p)) {
      headSealed = true;
      return;
    }
    headKeys.addAll(p.keys);
    headCommands++;
    headBytes += p.bytes;
    headSealed = headCommands >= batchCommandsMax;
  }

  /** Works out the head batch again after the head of the queue changed; stops where it seals. */
  private void rescanHead() {
    headKeys.clear();
    headCommands = 0;
    headBytes = 0;
    headSealed = false;
    for (Pending p : queue) {
      extendHead(p);
      if (headSealed) {
        return;
      }
    }
  }

  private List<Pending> takeBatch() {
    List<Pending> batch = new ArrayList<>();
    Set<KeyRef> keys = new HashSet<>();
    long bytes = 0;
    long staleBefore = System.nanoTime() - requestTimeout.toNanos();
    while (!queue.isEmpty() && batch.size() < batchCommandsMax) {
      Pending p = queue.peek();
      if (p.queuedNanos - staleBefore < 0) {
        queue.poll();
        release(p);
        p.result.completeExceptionally(Failures.unavailable(
            "the command waited longer than the request timeout for a proposal slot and was not proposed"));
        continue;
      }
      if (closesBefore(batch.size(), bytes, keys, p)) {
        break;
      }
      queue.poll();
      release(p);
      batch.add(p);
      keys.addAll(p.keys);
      bytes += p.bytes;
    }
    return batch;
  }

  /**
   * The batching rule for a command that would join a batch of {@code commands} commands holding
   * {@code bytes} bytes and {@code keys}: the batch closes before it if it would pass {@link
   * #BATCH_BYTES_MAX} or touch a key already in the batch. (The count limit closes a batch after a
   * command, so the callers check it.)
   */
  private static boolean closesBefore(int commands, long bytes, Set<KeyRef> keys, Pending p) {
    return commands > 0 && (bytes + p.bytes > BATCH_BYTES_MAX || touchesAny(keys, p.keys));
  }

  private static boolean touchesAny(Set<KeyRef> keys, List<KeyRef> candidate) {
    for (KeyRef k : candidate) {
      if (keys.contains(k)) {
        return true;
      }
    }
    return false;
  }

  /** Proposes one batch; {@code overflow}: beyond the slots, its bytes count toward the overflow bound. */
  private void propose(List<Pending> batch, boolean overflow) {
    CommandBatch.Builder commands = CommandBatch.newBuilder();
    long bytes = 0;
    for (Pending p : batch) {
      commands.addCommands(p.command);
      bytes += p.bytes;
    }
    LogEntry entry = LogEntry.newBuilder()
        .setFormatVersion(LogEntries.FORMAT_VERSION)
        .setLeaderTimeMs(clock.millis())
        .setBatch(commands)
        .build();
    metrics.batchProposed(batch.size(), bytes);
    long started = System.nanoTime();
    long charged = overflow ? bytes : 0;
    inFlight++;
    overflowBytes += charged;
    proposeGuarded(entry).whenComplete((result, failure) -> {
      if (!run(() -> batchDone(batch, result, failure, started, charged))) {
        completeBatch(batch, result, failure);
      }
    });
  }

  private CompletableFuture<BatchResult> proposeGuarded(LogEntry entry) {
    try {
      return proposer.propose(entry).orTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private void batchDone(List<Pending> batch, BatchResult result, Throwable failure, long started, long charged) {
    inFlight--;
    overflowBytes -= charged;
    if (failure == null) {
      metrics.commitLatency(System.nanoTime() - started);
    }
    completeBatch(batch, result, failure);
    drain();
  }

  private static void completeBatch(List<Pending> batch, BatchResult result, Throwable failure) {
    if (failure == null && result.getResultsCount() != batch.size()) {
      LOG.error("an entry of {} commands came back with {} results", batch.size(), result.getResultsCount());
      failure = new IllegalStateException("result count does not match the batch");
    }
    if (failure != null) {
      ReplicaException e = Failures.afterProposal(failure);
      batch.forEach(p -> p.result.completeExceptionally(e));
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).result.complete(result.getResults(i));
    }
  }

  private void proposeAloneNow(LogEntry.Builder entry, CompletableFuture<BatchResult> result) {
    ReplicaException refusal = notLeader.get();
    if (refusal != null) {
      result.completeExceptionally(refusal);
      return;
    }
    inFlight++;
    LogEntry stamped = entry.setFormatVersion(LogEntries.FORMAT_VERSION).setLeaderTimeMs(clock.millis()).build();
    proposeGuarded(stamped).whenComplete((r, failure) -> {
      Runnable done = () -> {
        inFlight--;
        if (failure == null) {
          result.complete(r);
        } else {
          result.completeExceptionally(Failures.afterProposal(failure));
        }
        drain();
      };
      if (!run(done)) {
        if (failure == null) {
          result.complete(r);
        } else {
          result.completeExceptionally(Failures.afterProposal(failure));
        }
      }
    });
  }

  private boolean run(Runnable task) {
    try {
      thread.execute(task);
      return true;
    } catch (RejectedExecutionException closed) {
      return false;
    }
  }

  /** Fails queued commands with {@code unavailable} and stops the batcher thread. */
  @Override
  public void close() {
    failQueued(Failures.unavailable("the replica is closing"));
    thread.shutdown();
    try {
      if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      thread.shutdownNow();
    }
  }
}
