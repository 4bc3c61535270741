package io.statekv.bench.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {
  private static final String STATUS = "Name:\tx\nvoluntary_ctxt_switches:\t120\nnonvoluntary_ctxt_switches:\t7\n";

  @Test
  void aStatLineGivesUserPlusSystemTicksEvenWhenTheNameHoldsSpacesAndParentheses() {
    String stat = "4242 (odd) name (x)) S 1 2 3 0 -1 4194368 10 0 0 0 250 37 0 0 20 0 1 0 99 0 0";
    ThreadReading r = ThreadReading.parse(1, 4242, stat, STATUS);
    assertThat(r.name()).isEqualTo("odd) name (x)");
    assertThat(r.ticks()).isEqualTo(287);
    assertThat(r.switches()).isEqualTo(127);
  }

  @Test
  void aLineThatIsNotAStatLineIsRefused() {
    assertThatThrownBy(() -> ThreadReading.parse(1, 2, "garbage", STATUS)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void kindsMergeTheSameThreadOfEveryNodeAndEveryPoolMember() {
    assertThat(ThreadCpu.kind("n1@group-6AE8159D95E1-SegmentedRaftLogWorker"))
        .isEqualTo(ThreadCpu.kind("n3@group-6AE8159D95E1-SegmentedRaftLogWorker"))
        .isEqualTo("n#@group-#-SegmentedRaftLogWorker");
    assertThat(ThreadCpu.kind("grpc-default-worker-ELG-3-12")).isEqualTo("grpc-default-worker-ELG-#-#");
    assertThat(ThreadCpu.kind("GC Thread#1")).isEqualTo("GC Thread#");
    assertThat(ThreadCpu.kind("n1@group-6AE8159D95E1-StateMachineUpdater"))
        .isNotEqualTo(ThreadCpu.kind("n1@group-6AE8159D95E1-SegmentedRaftLogWorker"));
  }

  @Test
  void aWindowAddsUpEachKindAndCountsThreadsStartedDuringItFromZero() {
    List<ThreadReading> before = List.of(
        new ThreadReading(1, 10, "worker-1", 100, 1_000),
        new ThreadReading(2, 20, "worker-2", 50, 500),
        new ThreadReading(2, 21, "gc", 10, 10));
    List<ThreadReading> after = List.of(
        new ThreadReading(1, 10, "worker-1", 150, 1_400),
        new ThreadReading(2, 20, "worker-2", 80, 600),
        new ThreadReading(2, 22, "worker-3", 20, 100),
        new ThreadReading(2, 21, "gc", 12, 20));
    List<ThreadCpu.Usage> usage = ThreadCpu.between(before, after, 2.0);
    assertThat(usage).extracting(ThreadCpu.Usage::kind).containsExactly("worker-#", "gc");
    ThreadCpu.Usage workers = usage.get(0);
    assertThat(workers.threads()).isEqualTo(3);
    assertThat(workers.cores()).isCloseTo((50 + 30 + 20) / 100.0 / 2.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(workers.switchesPerSecond()).isEqualTo((400 + 100 + 100) / 2.0);
  }

  @Test
  void aBusyThreadOfThisJvmShowsUpUnderItsFullNameWithTheCpuItBurned() throws Exception {
    long pid = ProcessHandle.current().pid();
    List<ThreadReading> before = ThreadCpu.read(List.of(pid), Map.of());
    CountDownLatch burned = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread busy = new Thread(() -> {
      burnCpu(BURN_NANOS);
      burned.countDown();
      awaitQuietly(release);
    }, "statekv-test-busy-worker-7");
    busy.start();
    try {
      burned.await();
      Map<Long, String> names = JvmThreadNames.of(pid);
      List<ThreadReading> after = ThreadCpu.read(List.of(pid), Map.of(pid, names));
      assertThat(names).containsValue("statekv-test-busy-worker-7");
      ThreadCpu.Usage u = ThreadCpu.between(before, after, 1.0).stream()
          .filter(x -> x.kind().equals("statekv-test-busy-worker-#")).findFirst().orElseThrow();
      assertThat(u.threads()).isEqualTo(1);
      // 300 ms of CPU in 10 ms ticks; the kernel may round the last tick either way.
      assertThat(u.cores()).isGreaterThanOrEqualTo(0.28);
    } finally {
      release.countDown();
      busy.join();
    }
  }

  private static final long BURN_NANOS = 300_000_000L;

  private static void burnCpu(long nanos) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long x = 0;
    while (mx.getCurrentThreadCpuTime() < nanos) {
      for (int i = 0; i < 100_000; i++) {
        x += i * 31L ^ x;
      }
    }
    if (x == 42) {
      System.out.println(x);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
