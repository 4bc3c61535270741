package io.statekv.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanShutdownTest {
  @Test
  void aRecordIsReadOnceThenGone(@TempDir Path dir) throws Exception {
    CleanShutdown.write(dir, 844);
    assertThat(CleanShutdown.consume(dir)).hasValue(844);
    assertThat(Files.exists(dir.resolve(CleanShutdown.FILE))).isFalse();
    assertThat(CleanShutdown.consume(dir)).isEmpty();
  }

  @Test
  void aNewerRecordReplacesTheOlder(@TempDir Path dir) throws Exception {
    CleanShutdown.write(dir, 10);
    CleanShutdown.write(dir, 12);
    assertThat(CleanShutdown.consume(dir)).hasValue(12);
  }

  @Test
  void anUnreadableRecordCountsAsACrashAndIsRemoved(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(CleanShutdown.FILE), "durable_log_index=twelve\n");
    assertThat(CleanShutdown.consume(dir)).isEmpty();
    assertThat(Files.exists(dir.resolve(CleanShutdown.FILE))).isFalse();
    assertThat(CleanShutdown.parse("durable_log_index=-3")).isEmpty();
    assertThat(CleanShutdown.parse("something=3")).isEmpty();
  }
}
