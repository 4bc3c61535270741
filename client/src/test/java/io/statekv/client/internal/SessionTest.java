package io.statekv.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionTest {

  @Test
  void ackedBelowIsTheLowestUndeliveredNumber() {
    Session session = new Session();
    assertThat(session.ackedBelow()).isEqualTo(1);
    long one = session.begin();
    long two = session.begin();
    long three = session.begin();
    assertThat(new long[] {one, two, three}).containsExactly(1, 2, 3);
    assertThat(session.ackedBelow()).isEqualTo(1);
    session.end(two);
    assertThat(session.ackedBelow()).as("1 is still outstanding").isEqualTo(1);
    session.end(one);
    assertThat(session.ackedBelow()).isEqualTo(3);
    session.end(three);
    assertThat(session.ackedBelow()).isEqualTo(4);
    assertThat(session.outstandingCount()).isZero();
  }

  @Test
  void ackedBelowNeverPassesAnOutstandingNumberUnderConcurrency() throws Exception {
    Session session = new Session();
    Thread[] threads = new Thread[4];
    java.util.concurrent.atomic.AtomicReference<String> broken = new java.util.concurrent.atomic.AtomicReference<>();
    for (int t = 0; t < threads.length; t++) {
      threads[t] = new Thread(() -> {
        for (int i = 0; i < 20_000; i++) {
          long seq = session.begin();
          long acked = session.ackedBelow();
          if (acked > seq) {
            broken.set("acked_below " + acked + " passed outstanding " + seq);
          }
          session.end(seq);
        }
      });
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(broken.get()).isNull();
    assertThat(session.ackedBelow()).isEqualTo(80_001);
  }
}
