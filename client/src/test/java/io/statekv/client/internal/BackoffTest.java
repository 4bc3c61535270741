package io.statekv.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void delaysGrowThenStayWithinTheCapWithJitter() {
    for (int round = 0; round < 1_000; round++) {
      assertThat(Backoff.delayMillis(1)).isBetween(Backoff.BASE_MILLIS / 2, Backoff.BASE_MILLIS);
      assertThat(Backoff.delayMillis(3)).isBetween(Backoff.BASE_MILLIS * 2, Backoff.BASE_MILLIS * 4);
      assertThat(Backoff.delayMillis(100)).isBetween(Backoff.MAX_MILLIS / 2, Backoff.MAX_MILLIS);
    }
  }
}
