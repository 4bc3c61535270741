package io.statekv.bench.load.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {
  @Test
  void readsUserPlusSystemTicksAfterACommandWithSpacesAndParentheses() {
    // Fields 14 and 15 (utime, stime) are 250 and 70 ticks: 3.2 s at 100 ticks per second.
    String stat = "4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 70 0 0 20 0 9 0 1000 1 1";
    assertThat(ProcessCpu.secondsOf(stat)).isCloseTo(3.2, within(1e-9));
  }

  @Test
  void ownCpuTimeGrowsWithWork() {
    double before = ProcessCpu.self();
    long sink = 0;
    long until = System.nanoTime() + 300_000_000L;
    while (System.nanoTime() < until) {
      sink += Long.numberOfTrailingZeros(sink + System.nanoTime());
    }
    assertThat(sink).isNotNegative();
    assertThat(ProcessCpu.self()).isGreaterThan(before);
  }

  @Test
  void aProcessThatDoesNotExistIsAClearError() {
    assertThatThrownBy(() -> ProcessCpu.seconds(Long.MAX_VALUE))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(Long.toString(Long.MAX_VALUE));
  }
}
