package io.statekv.storage.internal;

import io.statekv.storage.SnapshotInfo;
import java.io.IOException;
import java.nio.file.Path;

/** The snapshot file format. (Skeleton: implemented in the storage-store work.) */
public final class SnapshotFormat {
  private SnapshotFormat() {}

  public static SnapshotInfo readInfo(Path snapshot) throws IOException {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
