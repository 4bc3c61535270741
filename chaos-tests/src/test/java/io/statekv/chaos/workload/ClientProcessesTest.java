package io.statekv.chaos.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.chaos.cluster.Await;
import io.statekv.chaos.history.History;
import io.statekv.chaos.history.HistoryReader;
import io.statekv.chaos.history.Operation;
import io.statekv.client.StateKvClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent client processes against an address where nothing listens: every write fails before
 * it is sent, and the history they record from several threads is still a valid history, in
 * real-time order, with one open operation per process.
 */
class ClientProcessesTest {
  @TempDir
  Path dir;

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void concurrentProcessesRecordAValidHistory() throws Exception {
    String endpoint = "127.0.0.1:" + closedPort();
    Path file = dir.resolve("history.jsonl");
    Workload set = Workloads.create("set", Duration.ofSeconds(1));
    try (HistoryRecorder recorder = HistoryRecorder.create(file)) {
      ClientProcesses processes = new ClientProcesses(set, recorder,
          i -> StateKvClient.builder().endpoints(endpoint)
              .requestTimeout(Duration.ofMillis(300)).connectTimeout(Duration.ofMillis(100))
              .build(), 3, 60, 9);
      processes.start();
      Await.condition("ten completions", Duration.ofSeconds(30),
          () -> recorder.counts().fail() + recorder.counts().info() >= 10);
      processes.stop(Duration.ofSeconds(10));
      assertThat(recorder.counts().ok()).isZero();
    }
    History history = HistoryReader.read(file);
    assertThat(history.hasTimes()).isTrue();
    assertThat(history.operations()).hasSizeGreaterThanOrEqualTo(10)
        .allMatch(op -> op.f().equals("add")).noneMatch(Operation::isOk);
    Set<Long> firstGeneration = history.operations().stream().map(Operation::process)
        .filter(p -> p < 3).collect(Collectors.toSet());
    assertThat(firstGeneration).containsExactlyInAnyOrder(0L, 1L, 2L);
  }
}
