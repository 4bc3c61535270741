package io.statekv.chaos.nemesis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The disk faults pick the files a restarting node reads, in the node's real data dir layout. */
class DataFilesTest {
  @TempDir
  Path state;

  private Path file(String relative, int bytes) throws IOException {
    Path p = state.resolve(relative);
    Files.createDirectories(p.getParent());
    return Files.write(p, new byte[bytes]);
  }

  @Test
  void theTailSegmentAndTheNewestSnapshotAreChosenNotTheirNeighbours() throws IOException {
    String group = "raft/02511d47-d67c-49a3-9011-abb3109a44c1/";
    file(group + "current/log_0-99", 5000);
    Path tail = file(group + "current/log_inprogress_100", 3000);
    file(group + "current/raft-meta", 50);
    file(group + "sm/snapshot.1_99", 800);
    Path newest = file(group + "sm/snapshot.2_250", 900);
    // Written after the snapshot, so newer by time, but never the file a restart verifies.
    file(group + "sm/snapshot.2_250.md5", 60);
    file(group + "sm/snapshot.1_40.corrupt-1700000000000", 700);
    file("quarantine/log-1700000000000/log_inprogress_400", 4000);

    assertThat(DataFiles.newestLogSegment(state)).contains(tail);
    assertThat(DataFiles.newestSnapshot(state)).contains(newest);
  }

  @Test
  void damageChangesOnlyTheChosenFile() throws IOException {
    Path tail = file("raft/g/current/log_inprogress_7", 3000);
    Path snapshot = file("raft/g/sm/snapshot.1_7", 1000);
    assertThat(DiskNemesis.truncate(state, new Random(1))).startsWith("cut ")
        .endsWith("from raft/g/current/log_inprogress_7");
    assertThat(Files.size(tail)).isLessThan(3000).isGreaterThanOrEqualTo(3000 - DiskNemesis.TRUNCATE_BYTES_MAX);
    assertThat(DiskNemesis.corrupt(state, new Random(2))).isEqualTo("flip 16 bytes of raft/g/sm/snapshot.1_7");
    assertThat(Files.readAllBytes(snapshot)).hasSize(1000).isNotEqualTo(new byte[1000]);
  }

  @Test
  void anEmptyDirHasNothingToDamage() throws IOException {
    assertThat(DataFiles.newestLogSegment(state)).isEmpty();
    assertThat(DiskNemesis.corrupt(state, new Random(3))).isEqualTo("no snapshot to corrupt");
  }
}
