package io.statekv.storage.internal;

import io.statekv.storage.StateStore;
import java.io.IOException;
import java.nio.file.Path;

/** The Chronicle Map backed store. (Skeleton: implemented in the storage-store work.) */
public final class ChronicleStateStore {
  private ChronicleStateStore() {}

  public static StateStore createEmpty() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public static StateStore load(Path snapshot) throws IOException {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
