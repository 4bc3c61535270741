package io.statekv.node.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.protocol.v1.GetRequest;
import io.statekv.protocol.v1.ListRequest;
import io.statekv.protocol.v1.ListResponse;
import io.statekv.storage.Command;
import io.statekv.storage.Json;
import io.statekv.storage.Request;
import io.statekv.storage.StateStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reads served from the real storage engine: entry mapping, page limits in entries and in bytes. */
class StoreReadsTest {
  private static final int KEYS = 600;
  private static StateStore store;

  @BeforeAll
  static void fill() {
    store = StateStore.create();
    List<Request> writes = new ArrayList<>();
    for (int i = 0; i < KEYS; i++) {
      writes.add(new Request(null, new Command.Set(
          "s", String.format("k%04d", i), Json.parse("\"" + "v".repeat(100) + "\""), Command.NO_TTL, Command.ANY_REVISION)));
    }
    store.apply(1, 1_000, writes);
  }

  @AfterAll
  static void close() {
    store.close();
  }

  private static List<String> keys(ListResponse page) {
    return page.getEntriesList().stream().map(io.statekv.protocol.v1.Entry::getKey).toList();
  }

  @Test
  void getMapsTheEntryAndReportsTheAppliedRevision() {
    StoreReads reads = new StoreReads(1000, 1 << 20);
    var found = reads.get(store, GetRequest.newBuilder().setScope("s").setKey("k0007").build(), 0, 2_000);
    assertThat(found.getRevision()).isEqualTo(1);
    assertThat(found.getEntry().getValueJson().toStringUtf8()).hasSize(102);
    assertThat(found.getEntry().getCreatedAt()).isEqualTo(1_000);
    assertThat(reads.get(store, GetRequest.newBuilder().setScope("s").setKey("nope").build(), 5, 2_000).hasEntry()).isFalse();
  }

  @Test
  void aPageSpansStoreChunksUpToItsLimit() {
    StoreReads reads = new StoreReads(1000, 1 << 20);
    ListResponse page = reads.list(store, ListRequest.newBuilder().setScope("s").setLimit(StoreReads.LIST_CHUNK_ENTRIES + 44).build(), 0, 2_000);
    assertThat(page.getEntriesCount()).isEqualTo(StoreReads.LIST_CHUNK_ENTRIES + 44);
    assertThat(page.getMore()).isTrue();
    assertThat(page.getNextAfter()).isEqualTo(keys(page).get(page.getEntriesCount() - 1));
    ListResponse rest = reads.list(store, ListRequest.newBuilder().setScope("s").setAfter(page.getNextAfter()).build(), 0, 2_000);
    assertThat(rest.getEntriesCount()).isEqualTo(KEYS - page.getEntriesCount());
    assertThat(rest.getMore()).isFalse();
    assertThat(rest.getNextAfter()).isEmpty();
  }

  @Test
  void limitZeroTakesTheNodeDefault() {
    StoreReads reads = new StoreReads(50, 1 << 20);
    assertThat(reads.list(store, ListRequest.newBuilder().setScope("s").build(), 0, 2_000).getEntriesCount()).isEqualTo(50);
  }

  @Test
  void aPageEndsEarlyAtItsByteBound() {
    int entryBytes = new StoreReads(1, 1 << 20).list(store, ListRequest.newBuilder().setScope("s").setLimit(1).build(), 0, 2_000)
        .getEntries(0).getSerializedSize();
    StoreReads reads = new StoreReads(1000, entryBytes * 10);
    ListResponse page = reads.list(store, ListRequest.newBuilder().setScope("s").setLimit(500).build(), 0, 2_000);
    assertThat(page.getEntriesCount()).isEqualTo(10);
    assertThat(page.getMore()).isTrue();
    assertThat(page.getNextAfter()).isEqualTo("k0009");
    // Keys only are small: the same bound holds many more of them.
    ListResponse keysOnly = reads.list(store, ListRequest.newBuilder().setScope("s").setLimit(500).setKeysOnly(true).build(), 0, 2_000);
    assertThat(keysOnly.getEntriesCount()).isGreaterThan(10);
    assertThat(keysOnly.getEntries(0).getValueJson().isEmpty()).isTrue();
    // A bound smaller than one entry still yields one entry per page, so listing always progresses.
    ListResponse tiny = new StoreReads(1000, 1).list(store, ListRequest.newBuilder().setScope("s").setPrefix("k059").build(), 0, 2_000);
    assertThat(keys(tiny)).containsExactly("k0590");
    assertThat(tiny.getNextAfter()).isEqualTo("k0590");
  }

  @Test
  void theLastEntryWithinTheByteBoundEndsTheListing() {
    StoreReads reads = new StoreReads(1000, 1);
    ListResponse last = reads.list(store, ListRequest.newBuilder().setScope("s").setPrefix("k0599").build(), 0, 2_000);
    assertThat(keys(last)).containsExactly("k0599");
    assertThat(last.getMore()).isFalse();
  }
}
