package io.statekv.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.protocol.v1.ErrorCode;
import io.statekv.raft.ReplicaException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadIndexBarrierTest {
  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private final LinkedBlockingQueue<CompletableFuture<Long>> rounds = new LinkedBlockingQueue<>();

  private ReadIndexBarrier barrier(Duration timeout) {
    return new ReadIndexBarrier(() -> {
      CompletableFuture<Long> round = new CompletableFuture<>();
      rounds.add(round);
      return round;
    }, executor, timeout);
  }

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private CompletableFuture<Long> nextRound() throws InterruptedException {
    CompletableFuture<Long> r = rounds.poll(5, TimeUnit.SECONDS);
    assertThat(r).as("a round starts").isNotNull();
    return r;
  }

  @Test
  void barriersArrivingDuringARoundShareTheNextRoundNotTheCurrentOne() throws Exception {
    ReadIndexBarrier b = barrier(Duration.ofSeconds(30));
    CompletableFuture<Long> first = b.await();
    CompletableFuture<Long> round1 = nextRound();
    CompletableFuture<Long> second = b.await();
    CompletableFuture<Long> third = b.await();
    assertThat(rounds).isEmpty();
    round1.complete(10L);
    assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(10L);
    assertThat(second).isNotDone();
    CompletableFuture<Long> round2 = nextRound();
    round2.complete(12L);
    assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(12L);
    assertThat(third.get(5, TimeUnit.SECONDS)).isEqualTo(12L);
    assertThat(rounds).isEmpty();
  }

  @Test
  void aFailedRoundFailsItsBarriersAndTheNextArrivalStartsAFreshRound() throws Exception {
    ReadIndexBarrier b = barrier(Duration.ofSeconds(30));
    CompletableFuture<Long> first = b.await();
    nextRound().completeExceptionally(Failures.notLeader("n2", "h:1"));
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
        ExecutionException.class, () -> first.get(5, TimeUnit.SECONDS));
    assertThat(((ReplicaException) e.getCause()).code()).isEqualTo(ErrorCode.NOT_LEADER);
    CompletableFuture<Long> again = b.await();
    nextRound().complete(3L);
    assertThat(again.get(5, TimeUnit.SECONDS)).isEqualTo(3L);
  }

  @Test
  void aRoundThatNeverAnswersTimesOut() throws Exception {
    ReadIndexBarrier b = barrier(Duration.ofMillis(100));
    CompletableFuture<Long> first = b.await();
    nextRound();
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
        ExecutionException.class, () -> first.get(5, TimeUnit.SECONDS));
    assertThat(((ReplicaException) e.getCause()).code()).isEqualTo(ErrorCode.TIMEOUT);
  }
}
