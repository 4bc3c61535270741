package io.statekv.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class AppliedWaitersTest {
  private final AppliedWaiters waiters = new AppliedWaiters(Runnable::run);

  @Test
  void anAppliedRevisionAnswersAtOnce() throws Exception {
    waiters.advanced(5);
    assertThat(waiters.await(3, Duration.ofSeconds(1)).get()).isEqualTo(5);
    assertThat(waiters.await(5, Duration.ofSeconds(1)).get()).isEqualTo(5);
  }

  @Test
  void waitersCompleteInRevisionOrderAsApplyAdvances() throws Exception {
    CompletableFuture<Long> at7 = waiters.await(7, Duration.ofSeconds(30));
    CompletableFuture<Long> at9 = waiters.await(9, Duration.ofSeconds(30));
    waiters.advanced(8);
    assertThat(at7.get(1, TimeUnit.SECONDS)).isEqualTo(8);
    assertThat(at9).isNotDone();
    waiters.reset(20);
    assertThat(at9.get(1, TimeUnit.SECONDS)).isEqualTo(20);
    assertThat(waiters.applied()).isEqualTo(20);
  }

  @Test
  void aWaiterGivesUpAfterItsTimeout() {
    CompletableFuture<Long> late = waiters.await(100, Duration.ofMillis(50));
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
        ExecutionException.class, () -> late.get(5, TimeUnit.SECONDS));
    assertThat(e.getCause()).isInstanceOf(TimeoutException.class);
  }
}
