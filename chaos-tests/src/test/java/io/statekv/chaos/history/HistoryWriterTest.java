package io.statekv.chaos.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryWriterTest {

  @TempDir
  Path dir;

  @Test
  void eachWrittenLineIsReadableBeforeTheWriterCloses() throws IOException {
    Path file = dir.resolve("history.jsonl");
    try (HistoryWriter writer = HistoryWriter.create(file)) {
      writer.write(Op.of(0, OpType.INVOKE, "write", IntNode.valueOf(1)).withTime(5));

      History soFar = HistoryReader.read(file);

      assertThat(soFar.operations()).hasSize(1);
      assertThat(soFar.operations().get(0).completion()).as("open until the run ends").isNull();
    }
  }

  @Test
  void concurrentWritersNeverInterleaveWithinALine() throws Exception {
    Path file = dir.resolve("concurrent.jsonl");
    int threads = 4;
    int opsPerThread = 500;
    try (HistoryWriter writer = HistoryWriter.create(file)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long process = t;
        done.add(pool.submit(() -> writeOps(writer, process, opsPerThread)));
      }
      for (Future<?> future : done) {
        future.get(30, TimeUnit.SECONDS);
      }
      pool.shutdown();
    }

    History history = HistoryReader.read(file);

    assertThat(history.operations()).hasSize(threads * opsPerThread);
    assertThat(history.operations()).allMatch(Operation::isOk);
    assertThat(Files.readAllLines(file)).hasSize(2 * threads * opsPerThread);
  }

  private static void writeOps(HistoryWriter writer, long process, int count) {
    try {
      for (int i = 0; i < count; i++) {
        writer.write(Op.of(process, OpType.INVOKE, "write", IntNode.valueOf(i)));
        writer.write(Op.of(process, OpType.OK, "write", IntNode.valueOf(i)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void writesAWholeHistory() throws IOException {
    Path file = dir.resolve("whole.jsonl");
    History history = TestHistories.history("0 invoke read", "0 ok read 4", "1 invoke write 2");

    HistoryWriter.write(history, file);

    assertThat(HistoryReader.read(file).ops()).isEqualTo(history.ops());
  }
}
