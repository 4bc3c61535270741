package io.statekv.bench.storage;

import io.statekv.storage.StateStore;
import io.statekv.storage.internal.ChronicleStateStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures the resident memory of a store of N entries of 256-byte values (one million by
 * default): VmRSS from {@code /proc/self/status} before and after, the Java heap, and the
 * off-heap space Chronicle reserved. Run it in its own JVM with the Chronicle flags and the heap
 * settings under test (see docs/storage.md).
 */
public final class MemoryFootprint {
  private MemoryFootprint() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    int keys = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Report start = Report.take();
    StateStore store = StateStore.create();
    Report empty = Report.take();
    long t0 = System.nanoTime();
    StoreFixture.fill(store, keys);
    double fillSeconds = (System.nanoTime() - t0) / 1e9;
    Report full = Report.take();
    System.out.printf(
        "entries            %,d of %d bytes (stats: %s)%n", keys, StoreFixture.VALUE_BYTES, store.stats());
    System.out.printf("fill               %.1f s (%,.0f sets/s in entries of 1000)%n", fillSeconds, keys / fillSeconds);
    System.out.printf("JVM start          %s%n", start);
    System.out.printf("empty store        %s%n", empty);
    System.out.printf("filled store       %s%n", full);
    System.out.printf("Chronicle reserved %,d MiB of address space (touched pages only are resident)%n",
        ((ChronicleStateStore) store).offHeapBytes() >> 20);
    System.out.printf("RSS growth         %,d MiB, of which heap committed growth %,d MiB%n",
        full.rssMib - empty.rssMib, full.heapCommittedMib - empty.heapCommittedMib);
    System.out.printf("VmHWM (peak RSS)   %,d MiB%n", status("VmHWM:"));
    store.close();
  }

  /** Memory figures after a full collection. */
  record Report(long rssMib, long heapUsedMib, long heapCommittedMib, long nonHeapCommittedMib) {
    static Report take() throws IOException, InterruptedException {
      System.gc();
      System.gc();
      MemoryMXBean m = ManagementFactory.getMemoryMXBean();
      return new Report(
          status("VmRSS:"),
          m.getHeapMemoryUsage().getUsed() >> 20,
          m.getHeapMemoryUsage().getCommitted() >> 20,
          m.getNonHeapMemoryUsage().getCommitted() >> 20);
    }

    @Override
    public String toString() {
      return String.format("VmRSS %,d MiB | heap used %,d MiB, committed %,d MiB | non-heap committed %,d MiB",
          rssMib, heapUsedMib, heapCommittedMib, nonHeapCommittedMib);
    }
  }

  static long status(String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
      }
    }
    throw new IOException(field + " not found in /proc/self/status");
  }
}
