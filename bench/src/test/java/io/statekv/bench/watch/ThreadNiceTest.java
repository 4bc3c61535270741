package io.statekv.bench.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ThreadNiceTest {
  /** The calling thread's niceness: field 19 of its stat line, counted after the command name. */
  private static int niceOfThisThread() throws Exception {
    String stat = Files.readString(Path.of("/proc/thread-self/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Integer.parseInt(fields[16]);
  }

  private static int[] niceBeforeAndAfter(ThreadNice nice) throws Exception {
    int[] seen = new int[2];
    Thread t = new Thread(() -> {
      try {
        seen[0] = niceOfThisThread();
        nice.apply();
        nice.apply();
        seen[1] = niceOfThisThread();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    t.start();
    t.join();
    return seen;
  }

  @Test
  void theCallingThreadGetsTheNiceness() throws Exception {
    int[] seen = niceBeforeAndAfter(new ThreadNice(7));

    assertThat(seen[0]).isEqualTo(niceOfThisThread()).isNotEqualTo(7);
    assertThat(seen[1]).isEqualTo(7);
  }

  @Test
  void otherThreadsKeepTheirs() throws Exception {
    ThreadNice nice = new ThreadNice(9);
    int mine = niceOfThisThread();
    assertThat(niceBeforeAndAfter(nice)[1]).isEqualTo(9);

    AtomicInteger other = new AtomicInteger(-1);
    CompletableFuture.runAsync(() -> {
      try {
        other.set(niceOfThisThread());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).join();
    assertThat(other.get()).isEqualTo(mine);
    assertThat(niceOfThisThread()).isEqualTo(mine);
  }

  @Test
  void zeroLeavesTheThreadAlone() throws Exception {
    int[] seen = niceBeforeAndAfter(new ThreadNice(0));

    assertThat(seen[1]).isEqualTo(seen[0]);
  }

  @Test
  void aNicenessOutsideZeroToNineteenIsRefused() {
    assertThatThrownBy(() -> new ThreadNice(20)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ThreadNice(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
