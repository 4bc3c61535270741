package io.statekv.storage.internal;

import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DeterminismTest} with update and patch in the random logs as well. */
class UpdatePatchDeterminismTest {
  @TempDir Path dir;

  @Test
  void twoStoresApplyingTheSameLogStayEqual() {
    DeterminismTest.forEachSeed(seed -> DeterminismTest.replayTwice(seed, EnumSet.allOf(RandomLog.Kind.class)));
  }

  @Test
  void aSnapshotAtARandomPointPlusTheRestEqualsTheFullReplay() {
    DeterminismTest.forEachSeed(
        seed -> DeterminismTest.snapshotMidway(seed, EnumSet.allOf(RandomLog.Kind.class), dir));
  }
}
