package io.statekv.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.statekv.protocol.v1.BatchResult;
import io.statekv.protocol.v1.ClientCommand;
import io.statekv.protocol.v1.CommandResult;
import io.statekv.protocol.v1.DeleteResponse;
import io.statekv.protocol.v1.ErrorCode;
import io.statekv.protocol.v1.ExpireCommand;
import io.statekv.protocol.v1.LogEntry;
import io.statekv.protocol.v1.SetRequest;
import io.statekv.raft.ReplicaException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The batching rule and outcome mapping, against a proposer that records entries and lets the test
 * decide when and how each completes (Ratis itself is exercised by the cluster tests).
 */
class LeaderBatcherTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ReplicaMetrics metrics = new ReplicaMetrics(registry, "n1", "main");
  private final LinkedBlockingQueue<Proposal> proposals = new LinkedBlockingQueue<>();
  private volatile ReplicaException notLeader;
  private LeaderBatcher batcher;

  private record Proposal(LogEntry entry, CompletableFuture<BatchResult> reply) {
    List<String> keys() {
      List<String> keys = new ArrayList<>();
      entry.getBatch().getCommandsList().forEach(c -> keys.add(c.getSet().getKey()));
      return keys;
    }

    /** Answers each command with a delete result that names its position, to check routing. */
    void succeed(long revision) {
      BatchResult.Builder r = BatchResult.newBuilder().setRevision(revision);
      for (int i = 0; i < entry.getBatch().getCommandsCount(); i++) {
        r.addResults(CommandResult.newBuilder().setDelete(DeleteResponse.newBuilder().setRevision(revision * 1000 + i)));
      }
      reply.complete(r.build());
    }
  }

  private LeaderBatcher batcher(int batchMax, int inFlightMax) {
    return batcher(batchMax, inFlightMax, 0);
  }

  private LeaderBatcher batcher(int batchMax, int inFlightMax, int pipelineMin) {
    InstantSource clock = InstantSource.fixed(Instant.ofEpochMilli(1_700_000_000_123L));
    EntryProposer proposer = entry -> {
      CompletableFuture<BatchResult> reply = new CompletableFuture<>();
      proposals.add(new Proposal(entry, reply));
      return reply;
    };
    batcher = new LeaderBatcher("n1", proposer, () -> notLeader, clock, metrics, batchMax, inFlightMax, pipelineMin, Duration.ofSeconds(30));
    return batcher;
  }

  @AfterEach
  void close() {
    if (batcher != null) {
      batcher.close();
    }
  }

  private static ClientCommand set(String key) {
    return set(key, 1);
  }

  private static ClientCommand set(String key, int valueBytes) {
    byte[] value = new byte[valueBytes];
    java.util.Arrays.fill(value, (byte) '7');
    return ClientCommand.newBuilder()
        .setSet(SetRequest.newBuilder().setScope("s").setKey(key).setValueJson(ByteString.copyFrom(value)))
        .build();
  }

  private Proposal next() throws InterruptedException {
    Proposal p = proposals.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(p).as("a proposal within " + WAIT).isNotNull();
    return p;
  }

  /**
   * With one slot, proposes a first entry and keeps it in flight, then submits sets of
   * {@code keys} in order, so that they queue behind it; returns that first entry.
   */
  private Proposal queueBehindTheOnlySlot(String... keys) throws InterruptedException {
    batcher(512, 1);
    batcher.submit(set("x"));
    Proposal first = next();
    for (String key : keys) {
      batcher.submit(set(key));
    }
    return first;
  }

  private static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static ReplicaException failure(CompletableFuture<?> f) {
    try {
      f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(ReplicaException.class);
      return (ReplicaException) e.getCause();
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("the future did not fail in time", e);
    }
    throw new AssertionError("the future succeeded");
  }

  @Test
  void commandsAccumulateWhileAnEntryIsInFlightAndLeaveAsOneBatch() throws Exception {
    batcher(512, 1);
    CompletableFuture<CommandResult> first = batcher.submit(set("a"));
    Proposal p1 = next();
    assertThat(p1.keys()).containsExactly("a");
    assertThat(p1.entry().getFormatVersion()).isEqualTo(LogEntries.FORMAT_VERSION);
    assertThat(p1.entry().getLeaderTimeMs()).isEqualTo(1_700_000_000_123L);
    List<CompletableFuture<CommandResult>> rest = new ArrayList<>();
    for (String k : List.of("b", "c", "d", "e")) {
      rest.add(batcher.submit(set(k)));
    }
    p1.succeed(7);
    assertThat(await(first).getDelete().getRevision()).isEqualTo(7000);
    Proposal p2 = next();
    assertThat(p2.keys()).containsExactly("b", "c", "d", "e");
    p2.succeed(8);
    for (int i = 0; i < rest.size(); i++) {
      assertThat(await(rest.get(i)).getDelete().getRevision()).isEqualTo(8000 + i);
    }
    assertThat(registry.get("statekv.raft.batch.commands").summary().max()).isEqualTo(4);
  }

  @Test
  void withEntriesInFlightAFurtherEntryLeavesOnlyWithEnoughCommandsPerEntryInFlight() throws Exception {
    batcher(512, 4, 3);
    batcher.submit(set("a"));
    Proposal p1 = next();
    assertThat(p1.keys()).as("nothing in flight: a lone command leaves at once").containsExactly("a");
    for (String k : List.of("b", "c", "d")) {
      batcher.submit(set(k));
    }
    // Without the rule, b would have left alone for the free slot.
    assertThat(next().keys()).as("one entry in flight: 3 commands").containsExactly("b", "c", "d");
    for (String k : List.of("e", "f", "g", "h", "i", "j")) {
      batcher.submit(set(k));
    }
    assertThat(next().keys()).as("two entries in flight: 6 commands").containsExactly("e", "f", "g", "h", "i", "j");
    p1.succeed(1);
    for (String k : List.of("k", "l", "m", "n", "o", "p")) {
      batcher.submit(set(k));
    }
    assertThat(next().keys()).as("two in flight again: 6 commands").containsExactly("k", "l", "m", "n", "o", "p");
  }

  @Test
  void aWaitingBatchLeavesWhenAnEntryCompletes() throws Exception {
    batcher(512, 4, 8);
    batcher.submit(set("a"));
    Proposal p1 = next();
    batcher.submit(set("b"));
    CompletableFuture<CommandResult> c = batcher.submit(set("c"));
    p1.succeed(1);
    Proposal p2 = next();
    assertThat(p2.keys()).containsExactly("b", "c");
    p2.succeed(2);
    assertThat(await(c).getDelete().getRevision()).isEqualTo(2001);
  }

  @Test
  void aSealedBatchDoesNotWaitToFillUp() throws Exception {
    batcher(512, 4, 8);
    batcher.submit(set("a"));
    next();
    batcher.submit(set("b"));
    batcher.submit(set("b"));
    assertThat(next().keys()).as("sealed by the second write of b").containsExactly("b");
    batcher.submit(set("c"));
    batcher.submit(set("c"));
    assertThat(next().keys()).containsExactly("b", "c");
  }

  @Test
  void aCommandTouchingAKeyAlreadyInTheBatchStartsTheNextEntry() throws Exception {
    Proposal p1 = queueBehindTheOnlySlot("k1", "k2", "k1", "k3", "k1");
    p1.succeed(1);
    Proposal p2 = next();
    assertThat(p2.keys()).containsExactly("k1", "k2");
    p2.succeed(2);
    Proposal p3 = next();
    assertThat(p3.keys()).containsExactly("k1", "k3");
    p3.succeed(3);
    assertThat(next().keys()).containsExactly("k1");
  }

  @Test
  void aSealedBatchLeavesAtOnceEvenWhenEverySlotIsTaken() throws Exception {
    // The second k1 seals [k1, k2]: nothing that arrives later can join it. [k1, k3] reaches the
    // queue's end, so it waits for a slot.
    Proposal p1 = queueBehindTheOnlySlot("k1", "k2", "k1", "k3");
    Proposal sealed = next();
    assertThat(sealed.keys()).containsExactly("k1", "k2");
    Proposal barrier = proposeBarrier();
    p1.succeed(1);
    sealed.succeed(2);
    // The first barrier holds the one slot: the open batch [k1, k3] must still wait.
    Proposal second = proposeBarrier();
    barrier.succeed(3);
    second.succeed(4);
    assertThat(next().keys()).containsExactly("k1", "k3");
  }

  @Test
  void aHotKeyKeepsAsManyEntriesInFlightAsTheSealedBoundAllows() throws Exception {
    batcher(512, 4);
    List<CompletableFuture<CommandResult>> results = new ArrayList<>();
    for (int i = 0; i < LeaderBatcher.SEALED_IN_FLIGHT_MAX + 10; i++) {
      results.add(batcher.submit(set("hot")));
    }
    List<Proposal> entries = new ArrayList<>();
    for (int i = 0; i < LeaderBatcher.SEALED_IN_FLIGHT_MAX; i++) {
      Proposal p = next();
      assertThat(p.keys()).containsExactly("hot");
      entries.add(p);
    }
    Proposal barrier = proposeBarrier();
    assertThat(proposals).as("nothing beyond the bound").isEmpty();
    entries.get(0).succeed(1);
    barrier.succeed(2);
    assertThat(next().keys()).containsExactly("hot");
    assertThat(await(results.get(0)).getDelete().getRevision()).isEqualTo(1000);
    assertThat(proposeBarrier().entry().hasExpire()).as("one slot freed, one entry proposed").isTrue();
  }

  @Test
  void sealedBatchesBeyondTheSlotsStayWithinTheOverflowBytes() throws Exception {
    batcher(512, 1);
    batcher.submit(set("x"));
    Proposal p1 = next();
    int big = LeaderBatcher.BATCH_BYTES_MAX / 2 + 1; // two never share a batch: each seals the one before
    long beyondSlots = LeaderBatcher.OVERFLOW_BYTES_MAX / set("big1", big).getSerializedSize();
    assertThat(beyondSlots).isGreaterThan(1).isLessThan(9);
    for (int i = 1; i <= beyondSlots + 2; i++) {
      batcher.submit(set("big" + i, big));
    }
    List<Proposal> overflow = new ArrayList<>();
    for (int i = 1; i <= beyondSlots; i++) {
      Proposal p = next();
      assertThat(p.keys()).containsExactly("big" + i);
      overflow.add(p);
    }
    Proposal barrier = proposeBarrier();
    p1.succeed(1);
    barrier.succeed(2);
    proposeBarrier().succeed(3); // x is done, but the overflow entries still fill the slot and spent the bytes
    overflow.get(0).succeed(4);
    assertThat(next().keys()).containsExactly("big" + (beyondSlots + 1));
  }

  /**
   * Proposes an entry of its own on the batcher thread and returns it: every command submitted
   * before has been through a drain by then, so what was proposed before it is all there is.
   */
  private Proposal proposeBarrier() throws InterruptedException {
    batcher.proposeAlone(LogEntry.newBuilder().setExpire(ExpireCommand.newBuilder().setMax(1)));
    List<Proposal> before = new ArrayList<>();
    Proposal p = next();
    while (!p.entry().hasExpire()) {
      before.add(p);
      p = next();
    }
    assertThat(before).as("entries proposed just before the barrier").isEmpty();
    return p;
  }

  @Test
  void aBatchStopsAtTheCommandBound() throws Exception {
    batcher(3, 1);
    batcher.submit(set("x"));
    Proposal p1 = next();
    for (int i = 0; i < 7; i++) {
      batcher.submit(set("k" + i));
    }
    p1.succeed(1);
    Proposal p2 = next();
    assertThat(p2.keys()).hasSize(3);
    p2.succeed(2);
    Proposal p3 = next();
    assertThat(p3.keys()).hasSize(3);
    p3.succeed(3);
    assertThat(next().keys()).containsExactly("k6");
  }

  @Test
  void aBatchStopsBeforeTheByteBoundAndAlwaysAdmitsOneLargestCommand() throws Exception {
    assertThat(LeaderBatcher.BATCH_BYTES_MAX + LeaderBatcher.COMMAND_BYTES_MAX).isLessThanOrEqualTo(LeaderBatcher.ENTRY_BYTES_MAX);
    batcher(512, 1);
    batcher.submit(set("x"));
    Proposal p1 = next();
    int big = LeaderBatcher.BATCH_BYTES_MAX / 2 + 1;
    batcher.submit(set("big1", big));
    batcher.submit(set("big2", big));
    batcher.submit(set("small"));
    p1.succeed(1);
    Proposal p2 = next();
    assertThat(p2.keys()).containsExactly("big1");
    assertThat(p2.entry().getSerializedSize()).isLessThanOrEqualTo(LeaderBatcher.ENTRY_BYTES_MAX);
    p2.succeed(2);
    assertThat(next().keys()).containsExactly("big2", "small");
  }

  @Test
  void aCommandLargerThanAnyEntryAdmitsIsRefusedBeforeRaft() {
    batcher(512, 1);
    ReplicaException e = failure(batcher.submit(set("huge", LeaderBatcher.COMMAND_BYTES_MAX)));
    assertThat(e.code()).isEqualTo(ErrorCode.REQUEST_TOO_LARGE);
    assertThat(proposals).isEmpty();
  }

  @Test
  void aFullQueueRefusesWithUnavailable() throws Exception {
    batcher(1, 1);
    // A batch of one command is sealed, so these fill every slot a sealed batch may take.
    for (int i = 0; i < LeaderBatcher.SEALED_IN_FLIGHT_MAX; i++) {
      batcher.submit(set("x" + i));
    }
    for (int i = 0; i < LeaderBatcher.SEALED_IN_FLIGHT_MAX; i++) {
      next();
    }
    for (int i = 0; i < LeaderBatcher.QUEUE_COMMANDS_MAX; i++) {
      batcher.submit(set("k" + i));
    }
    ReplicaException e = failure(batcher.submit(set("one-too-many")));
    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(e.outcomeUnknown()).isFalse();
  }

  @Test
  void afterProposingAnyFailureIsOutcomeUnknown() throws Exception {
    batcher(512, 1);
    CompletableFuture<CommandResult> a = batcher.submit(set("a"));
    next().reply().completeExceptionally(new IllegalStateException("connection reset"));
    ReplicaException e = failure(a);
    assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
    assertThat(e.outcomeUnknown()).isTrue();
  }

  @Test
  void aDefiniteRefusalFromRaftPassesThrough() throws Exception {
    batcher(512, 1);
    CompletableFuture<CommandResult> a = batcher.submit(set("a"));
    next().reply().completeExceptionally(Failures.unavailable("leader not ready"));
    assertThat(failure(a).code()).isEqualTo(ErrorCode.UNAVAILABLE);
  }

  @Test
  void aReplyWithTheWrongNumberOfResultsIsNotReportedAsADefiniteFailure() throws Exception {
    batcher(512, 1);
    CompletableFuture<CommandResult> a = batcher.submit(set("a"));
    next().reply().complete(BatchResult.newBuilder().setRevision(3).build());
    assertThat(failure(a).outcomeUnknown()).isTrue();
  }

  @Test
  void onANonLeaderQueuedCommandsFailWithNotLeaderAndAreNeverProposed() throws Exception {
    batcher(512, 1);
    notLeader = Failures.notLeader("n2", "10.0.0.2:7000");
    ReplicaException e = failure(batcher.submit(set("a")));
    assertThat(e.code()).isEqualTo(ErrorCode.NOT_LEADER);
    assertThat(e.leaderId()).isEqualTo("n2");
    assertThat(e.leaderAddress()).isEqualTo("10.0.0.2:7000");
    assertThat(proposals).isEmpty();
  }

  @Test
  void leadershipLossFailsTheQueueButNotWhatIsInFlight() throws Exception {
    batcher(512, 1);
    CompletableFuture<CommandResult> inFlight = batcher.submit(set("a"));
    Proposal p1 = next();
    CompletableFuture<CommandResult> queued = batcher.submit(set("b"));
    batcher.failQueued(Failures.notLeader("n3", ""));
    assertThat(failure(queued).code()).isEqualTo(ErrorCode.NOT_LEADER);
    p1.succeed(5);
    assertThat(await(inFlight).getDelete().getRevision()).isEqualTo(5000);
  }

  @Test
  void entriesOfTheirOwnGoInOrderWithBatches() throws Exception {
    batcher(512, 2);
    batcher.submit(set("a"));
    CompletableFuture<BatchResult> expire =
        batcher.proposeAlone(LogEntry.newBuilder().setExpire(ExpireCommand.newBuilder().setMax(10)));
    Proposal p1 = next();
    Proposal p2 = next();
    assertThat(p1.entry().hasBatch()).isTrue();
    assertThat(p2.entry().getExpire().getMax()).isEqualTo(10);
    assertThat(p2.entry().getLeaderTimeMs()).isEqualTo(1_700_000_000_123L);
    p2.reply().complete(BatchResult.newBuilder().setRevision(9).build());
    assertThat(await(expire).getRevision()).isEqualTo(9);
  }

  @Test
  void closingFailsWhatIsQueued() throws Exception {
    batcher(512, 1);
    batcher.submit(set("a"));
    next();
    CompletableFuture<CommandResult> queued = batcher.submit(set("b"));
    batcher.close();
    assertThat(failure(queued).code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThatThrownBy(() -> batcher.submit(set("c")).get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
        .hasCauseInstanceOf(ReplicaException.class);
  }
}
