package io.statekv.raft.internal;

import io.statekv.storage.StateStore;
import java.io.IOException;
import java.nio.file.Path;

/** Creates the storage engine's stores; one seam so that a replica never reaches for statics. */
interface StoreFactory {

  StateStore empty();

  /**
   * @throws io.statekv.storage.CorruptSnapshotException if the snapshot fails verification
   */
  StateStore open(Path snapshot) throws IOException;

  /** The storage engine's own stores. */
  StoreFactory DEFAULT = new StoreFactory() {
    @Override
    public StateStore empty() {
      return StateStore.create();
    }

    @Override
    public StateStore open(Path snapshot) throws IOException {
      return StateStore.openSnapshot(snapshot);
    }
  };
}
