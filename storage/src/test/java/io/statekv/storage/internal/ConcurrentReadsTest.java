package io.statekv.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.storage.Command;
import io.statekv.storage.Entry;
import io.statekv.storage.Json;
import io.statekv.storage.ListPage;
import io.statekv.storage.ListQuery;
import io.statekv.storage.Request;
import io.statekv.storage.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Reads run while entries are applied, and see each log entry whole or not at all. */
class ConcurrentReadsTest {
  private static final int ENTRIES = 400;

  /** A value of several pieces whose every byte says which entry wrote it. */
  private static Json uniform(int n) {
    byte[] b = new byte[2 * EntryCodec.PIECE_BYTES + 100];
    java.util.Arrays.fill(b, (byte) ('a' + n % 26));
    b[0] = '"';
    b[b.length - 1] = '"';
    return Json.ofCompact(b);
  }

  @Test
  void readersNeverSeeHalfALogEntry() throws InterruptedException {
    try (StateStore store = StateStore.create()) {
      AtomicBoolean done = new AtomicBoolean();
      AtomicLong reads = new AtomicLong();
      ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
      List<Thread> readers = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        Thread reader = new Thread(() -> readUntilDone(store, done, reads, problems), "reader-" + t);
        readers.add(reader);
        reader.start();
      }
      for (int n = 1; n <= ENTRIES; n++) {
        Json v = uniform(n);
        List<Request> entry = new ArrayList<>();
        for (String k : List.of("a", "b", "c")) {
          entry.add(new Request(null, new Command.Set("s", k, v, Command.NO_TTL, Command.ANY_REVISION)));
        }
        entry.add(new Request(null, new Command.Set("s", "n", Json.parse(Integer.toString(n)), 0, -1)));
        store.apply(n, 1_000 + n, entry);
      }
      done.set(true);
      for (Thread reader : readers) {
        reader.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(reader.isAlive()).isFalse();
      }
      assertThat(problems).isEmpty();
      assertThat(reads.get()).isPositive();
    }
  }

  private static void readUntilDone(
      StateStore store, AtomicBoolean done, AtomicLong reads, ConcurrentLinkedQueue<String> problems) {
    while (!done.get() && problems.isEmpty()) {
      ListPage page = store.list(new ListQuery("s", "", "", 10, false), Long.MIN_VALUE);
      reads.incrementAndGet();
      if (page.entries().isEmpty()) {
        continue;
      }
      long revision = page.entries().get(0).revision();
      long n = Long.parseLong(page.entries().get(3).value().toString());
      byte expected = (byte) ('a' + n % 26);
      for (Entry e : page.entries()) {
        if (e.revision() != revision) {
          problems.add("one listing mixes revisions " + revision + " and " + e.revision());
        }
      }
      for (Entry e : page.entries().subList(0, 3)) {
        byte[] b = e.value().bytes();
        for (int i = 1; i < b.length - 1; i++) {
          if (b[i] != expected) {
            problems.add("value of " + e.key() + " torn at byte " + i + " in entry " + n);
            break;
          }
        }
      }
      Entry single = store.get("s", "b", Long.MIN_VALUE);
      if (single != null && single.revision() < revision) {
        problems.add("a later read saw an older entry");
      }
    }
  }
}
