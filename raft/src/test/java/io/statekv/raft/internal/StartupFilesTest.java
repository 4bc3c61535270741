package io.statekv.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statekv.protocol.v1.CommandBatch;
import io.statekv.protocol.v1.LogEntry;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small start-up pieces: log entry format, log segment names, the data dir lock, the lease bound. */
class StartupFilesTest {
  @TempDir Path dir;

  @Test
  void entriesRoundTripAndANewerFormatStopsTheReader() {
    LogEntry e = LogEntry.newBuilder().setFormatVersion(1).setLeaderTimeMs(5).setBatch(CommandBatch.getDefaultInstance()).build();
    assertThat(LogEntries.decode(3, ByteBuffer.wrap(LogEntries.encode(e)))).isEqualTo(e);
    byte[] newer = e.toBuilder().setFormatVersion(2).build().toByteArray();
    assertThatThrownBy(() -> LogEntries.decode(3, ByteBuffer.wrap(newer)))
        .isInstanceOf(LogEntries.UnreadableEntryException.class).hasMessageContaining("format version 2");
    assertThatThrownBy(() -> LogEntries.decode(4, ByteBuffer.wrap(new byte[] {(byte) 0xff, 1, 2})))
        .isInstanceOf(LogEntries.UnreadableEntryException.class);
  }

  @Test
  void theLogStartsAtItsLowestSegment() throws Exception {
    assertThat(LogSegments.firstIndex(dir.resolve("missing"))).isEqualTo(-1);
    assertThat(LogSegments.firstIndex(dir)).isEqualTo(-1);
    Files.createFile(dir.resolve("log_120-199"));
    Files.createFile(dir.resolve("log_inprogress_200"));
    Files.createFile(dir.resolve("raft-meta"));
    Files.createFile(dir.resolve("raft-meta.conf"));
    assertThat(LogSegments.firstIndex(dir)).isEqualTo(120);
    Path aside = dir.resolve("aside");
    assertThat(LogSegments.moveAside(dir, aside)).isEqualTo(2);
    assertThat(LogSegments.firstIndex(dir)).isEqualTo(-1);
    assertThat(dir.resolve("raft-meta")).exists();
    assertThat(aside.resolve("log_inprogress_200")).exists();
  }

  @Test
  void aSecondReplicaCannotTakeTheSameDataDir() {
    DataDirLock first = DataDirLock.acquire(dir);
    assertThatThrownBy(() -> DataDirLock.acquire(dir))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("in use by another statekv process");
    first.close();
    DataDirLock.acquire(dir).close();
  }

  @Test
  void theLeaseStaysWellBelowTheMinimumElectionTimeout() {
    assertThat(LeaderLease.duration(Duration.ofMillis(1000))).isEqualTo(Duration.ofMillis(650));
    assertThat(LeaderLease.duration(Duration.ofMillis(100))).isEqualTo(Duration.ZERO);
  }

  @Test
  void addressesParse() {
    assertThat(Addresses.parse("a", "127.0.0.1:7000")).isEqualTo(new Addresses.HostPort("127.0.0.1", 7000));
    assertThat(Addresses.parse("a", "[::1]:7000")).isEqualTo(new Addresses.HostPort("::1", 7000));
    assertThatThrownBy(() -> Addresses.parse("a", "host")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Addresses.parse("a", "host:0")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Addresses.parse("a", "host:x")).isInstanceOf(IllegalArgumentException.class);
  }
}
