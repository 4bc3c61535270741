package io.statekv.storage.internal;

import static io.statekv.storage.internal.StoreHarness.append;
import static io.statekv.storage.internal.StoreHarness.set;
import static io.statekv.storage.internal.StoreHarness.setTtl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statekv.storage.ApplyOutput;
import io.statekv.storage.ClusterSettings;
import io.statekv.storage.Command;
import io.statekv.storage.CorruptSnapshotException;
import io.statekv.storage.ListQuery;
import io.statekv.storage.Request;
import io.statekv.storage.SnapshotInfo;
import io.statekv.storage.StateStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotTest {
  private static final UUID CLIENT = new UUID(7, 7);
  private static final ClusterSettings SMALL = new ClusterSettings(4 << 20, 1000, 64L << 20, 10, 60_000);

  @TempDir Path dir;

  /** A store with a bit of everything: scopes, TTLs, a multi-piece value, sessions, settings. */
  private static StoreHarness populated() {
    StoreHarness h = StoreHarness.withSettings(SMALL);
    h.apply(set("alpha", "a", "{\"n\":1}"));
    h.apply(setTtl("alpha", "ttl", "\"soon\"", 30));
    h.apply(set("beta", "\u00e9t\u00e9", "[1,2.5,\"x\"]"));
    h.apply(new Command.Set("big", "v", QuotaTest.stringOfSize(3 * EntryCodec.PIECE_BYTES + 5), 0, -1));
    h.entry(List.of(new Request(new Request.Session(CLIENT, 1, 0), append("alpha", "log", "1"))));
    h.entry(List.of(new Request(new Request.Session(CLIENT, 2, 1), new Command.Delete("alpha", "a", -1))));
    h.later(1_234);
    h.apply(set("alpha", "b", "true"));
    return h;
  }

  private Path write(StateStore store) throws IOException {
    Path target = dir.resolve("state.snap");
    store.writeSnapshot(target);
    return target;
  }

  @Test
  void aLoadedStoreHasTheSameStateAndHash() throws IOException {
    try (StoreHarness h = populated()) {
      Path file = write(h.store);
      try (StateStore loaded = StateStore.openSnapshot(file)) {
        assertThat(loaded.stateHash()).isEqualTo(h.hash());
        assertThat(loaded.appliedRevision()).isEqualTo(h.store.appliedRevision());
        assertThat(loaded.lastStamp()).isEqualTo(h.store.lastStamp());
        assertThat(loaded.settings()).isEqualTo(SMALL);
        assertThat(loaded.stats()).isEqualTo(h.store.stats());
        assertThat(loaded.nextExpiryAt()).isEqualTo(h.store.nextExpiryAt());
        assertThat(loaded.listGroups(h.stamp)).isEqualTo(h.store.listGroups(h.stamp));
        for (String scope : List.of("alpha", "beta", "big")) {
          ListQuery q = new ListQuery(scope, "", "", 100, false);
          assertThat(loaded.list(q, h.stamp)).isEqualTo(h.store.list(q, h.stamp));
        }
      }
    }
  }

  @Test
  void aLoadedStoreContinuesExactlyLikeTheOriginal() throws IOException {
    try (StoreHarness h = populated()) {
      Path file = write(h.store);
      try (StoreHarness loaded = new StoreHarness(StateStore.openSnapshot(file))) {
        loaded.stamp = h.stamp;
        for (StoreHarness s : List.of(h, loaded)) {
          s.later(40_000);
        }
        Request retry = new Request(new Request.Session(CLIENT, 1, 0), append("alpha", "log", "1"));
        List<Request> entry = List.of(retry, new Request(null, new Command.Expire(10)), new Request(null, set("beta", "z", "0")));
        ApplyOutput a = h.entry(entry);
        ApplyOutput b = loaded.entry(entry);

        assertThat(b).isEqualTo(a);
        assertThat(a.duplicates()).containsExactly(true, false, false);
        assertThat(a.events()).hasSize(2);
        assertThat(loaded.hash()).isEqualTo(h.hash());
      }
    }
  }

  @Test
  void anEmptyStoreRoundTrips() throws IOException {
    try (StateStore empty = StateStore.create()) {
      Path file = write(empty);
      assertThat(StateStore.readSnapshotInfo(file)).isEqualTo(new SnapshotInfo(1, 0, 0, 0));
      try (StateStore loaded = StateStore.openSnapshot(file)) {
        assertThat(loaded.stateHash()).isEqualTo(empty.stateHash());
      }
    }
  }

  @Test
  void theHeaderDescribesTheSnapshot() throws IOException {
    try (StoreHarness h = populated()) {
      SnapshotInfo info = StateStore.readSnapshotInfo(write(h.store));

      assertThat(info).isEqualTo(new SnapshotInfo(SnapshotFormat.FORMAT_VERSION, h.store.appliedRevision(), h.store.lastStamp(), 5));
    }
  }

  @Test
  void aTruncatedSnapshotIsRefusedAtEveryLength() throws IOException {
    byte[] bytes;
    try (StoreHarness h = populated()) {
      bytes = Files.readAllBytes(write(h.store));
    }
    int header = 88;
    for (int length : new int[] {0, 4, 8, 12, 50, header - 1, header, header + 1, header + 40, bytes.length / 2,
        bytes.length - 13, bytes.length - 12, bytes.length - 5, bytes.length - 4, bytes.length - 1}) {
      Path cut = dir.resolve("cut-" + length);
      Files.write(cut, Arrays.copyOf(bytes, length));
      assertThatThrownBy(() -> StateStore.openSnapshot(cut).close())
          .as("truncated to %d bytes", length)
          .isInstanceOf(CorruptSnapshotException.class);
      if (length < header) {
        assertThatThrownBy(() -> StateStore.readSnapshotInfo(cut)).isInstanceOf(CorruptSnapshotException.class);
      }
    }
  }

  @Test
  void everySingleByteFlipIsDetected() throws IOException {
    byte[] bytes;
    try (StoreHarness h = StoreHarness.withSettings(SMALL)) {
      h.apply(set("s", "k", "{\"a\":\"b\"}"));
      h.apply(setTtl("s", "t", "[true,null]", 5));
      h.entry(List.of(new Request(new Request.Session(CLIENT, 3, 2), set("u", "v", "1"))));
      bytes = Files.readAllBytes(write(h.store));
    }
    for (int pos = 0; pos < bytes.length; pos++) {
      for (int mask : new int[] {0x01, 0x80, 0xFF}) {
        byte[] damaged = bytes.clone();
        damaged[pos] ^= (byte) mask;
        Path file = dir.resolve("flip");
        Files.write(file, damaged);
        int at = pos;
        assertThatThrownBy(() -> StateStore.openSnapshot(file).close())
            .as("byte %d of %d flipped with %02x", at, bytes.length, mask)
            .isInstanceOf(CorruptSnapshotException.class);
      }
    }
  }

  @Test
  void messagesSayWhatIsWrong() throws IOException {
    byte[] bytes;
    try (StoreHarness h = populated()) {
      bytes = Files.readAllBytes(write(h.store));
    }
    assertThat(failureOf(withByte(bytes, 0, 'X'))).contains("bad magic");
    assertThat(failureOf(withByte(bytes, 30, 0x55))).contains("header checksum");
    assertThat(failureOf(withByte(bytes, bytes.length - 1, bytes[bytes.length - 1] ^ 1))).contains("checksum mismatch");
    assertThat(failureOf(withByte(bytes, bytes.length - 10, 'Q'))).contains("end marker");
    assertThat(failureOf(withVersion(bytes, 2))).contains("unsupported snapshot format version 2");
    assertThat(failureOf(Arrays.copyOf(bytes, bytes.length - 20))).containsAnyOf("truncated", "end marker");
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
    assertThat(failureOf(longer)).contains("unexpected bytes");
  }

  @Test
  void aSnapshotOfAnotherVersionIsRefusedByReadInfoToo() throws IOException {
    byte[] bytes;
    try (StoreHarness h = populated()) {
      bytes = Files.readAllBytes(write(h.store));
    }
    Path file = dir.resolve("v0");
    Files.write(file, withVersion(bytes, 0));
    assertThatThrownBy(() -> StateStore.readSnapshotInfo(file))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessageContaining("version 0");
  }

  @Test
  void aSuccessfulWriteLeavesOnlyTheTarget() throws IOException {
    try (StoreHarness h = populated()) {
      write(h.store);
      write(h.store);
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString())).containsExactly("state.snap");
      }
    }
  }

  @Test
  void aWriteThatFailsMidwayRemovesItsTempFileAndKeepsThePreviousSnapshot() throws IOException {
    try (StoreHarness h = populated()) {
      Path target = write(h.store);
      byte[] previous = Files.readAllBytes(target);
      byte[] previousHash = h.hash();
      h.apply(set("alpha", "new", "1"));

      ChronicleStateStore store = (ChronicleStateStore) h.store;
      assertThatThrownBy(() -> store.writeSnapshotFailingAfter(target, 100))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("injected");

      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString())).containsExactly("state.snap");
      }
      assertThat(Files.readAllBytes(target)).isEqualTo(previous);
      try (StateStore loaded = StateStore.openSnapshot(target)) {
        assertThat(loaded.stateHash()).isEqualTo(previousHash);
      }
    }
  }

  @Test
  void aWriteWhoseRenameFailsRemovesItsTempFile() throws IOException {
    Path occupied = dir.resolve("occupied");
    Files.createDirectories(occupied.resolve("child"));
    try (StoreHarness h = populated()) {
      assertThatThrownBy(() -> h.store.writeSnapshot(occupied)).isInstanceOf(IOException.class);
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("occupied");
    }
  }

  private String failureOf(byte[] bytes) throws IOException {
    Path file = dir.resolve("damaged");
    Files.write(file, bytes);
    try (StateStore s = StateStore.openSnapshot(file)) {
      throw new AssertionError("a damaged snapshot loaded: " + s.appliedRevision());
    } catch (CorruptSnapshotException e) {
      return e.getMessage();
    }
  }

  private static byte[] withByte(byte[] bytes, int pos, int value) {
    byte[] out = bytes.clone();
    out[pos] = (byte) value;
    return out;
  }

  /** Rewrites the version and the header checksum, as a writer of that version would. */
  private static byte[] withVersion(byte[] bytes, int version) {
    byte[] out = bytes.clone();
    ByteBuffer b = ByteBuffer.wrap(out);
    b.putInt(8, version);
    CRC32C crc = new CRC32C();
    crc.update(out, 0, 84);
    b.putInt(84, (int) crc.getValue());
    return out;
  }
}
