package io.statekv.storage.internal;

import static io.statekv.storage.internal.StoreHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statekv.storage.ClusterSettings;
import io.statekv.storage.Entry;
import io.statekv.storage.Failure;
import io.statekv.storage.Json;
import io.statekv.storage.Result;
import io.statekv.storage.UpdateError;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodecTest {
  private static final Entry ENTRY = new Entry("s", "k", json("{\"a\":1}"), 9, 3, 4, 1_000, 2_000, 0);

  @Test
  void everyResultKindRoundTrips() {
    Json v = json("[1]");
    List<Result> results =
        List.of(
            new Result.Written(null, v, ENTRY, List.of()),
            new Result.Written(json("0"), v, new Entry("s", "\u00e9", v, 1, 1, 1, -5, -5, 77), List.of(new UpdateError(2, "increment.not_number", "not a number"), new UpdateError(0, null, null))),
            new Result.Deleted(null, 0),
            new Result.Deleted(v, 12),
            new Result.Read(null),
            new Result.Read(ENTRY),
            new Result.Failed(Failure.CONFLICT, "expected revision 3", 7, -1),
            new Result.Failed(Failure.QUOTA_EXCEEDED, "then[2]: full", 0, 2),
            new Result.Expired(17),
            new Result.SettingsChanged(ClusterSettings.DEFAULTS),
            new Result.TxnDone(true, List.of(new Result.Read(ENTRY), new Result.Deleted(v, 4), new Result.Written(v, v, ENTRY, List.of()))));
    for (Result r : results) {
      assertThat(ResultCodec.decode(ResultCodec.encode(r))).isEqualTo(r);
    }
  }

  @Test
  void aReusedScratchWriterEncodesEachResultAlone() {
    BinaryWriter scratch = new BinaryWriter(ResultCodec.SCRATCH_BYTES);
    Json big = QuotaTest.stringOfSize(ResultCodec.SCRATCH_BYTES_KEPT * 2);
    List<Result> results = List.of(
        new Result.Written(json("1"), json("2"), ENTRY, List.of()),
        new Result.Written(null, big, ENTRY, List.of()),
        new Result.Deleted(null, 0),
        new Result.Written(big, json("[3]"), ENTRY, List.of()));
    for (Result r : results) {
      byte[] encoded = ResultCodec.encode(r, scratch);
      assertThat(encoded).isEqualTo(ResultCodec.encode(r));
      assertThat(ResultCodec.decode(encoded)).isEqualTo(r);
    }
  }

  @Test
  void damagedEncodingsAreRefused() {
    byte[] good = ResultCodec.encode(new Result.Written(json("1"), json("2"), ENTRY, List.of()));
    for (int cut = 0; cut < good.length; cut++) {
      byte[] shorter = Arrays.copyOf(good, cut);
      assertThatThrownBy(() -> ResultCodec.decode(shorter)).isInstanceOf(BinaryReader.MalformedException.class);
    }
    assertThatThrownBy(() -> ResultCodec.decode(new byte[] {99})).isInstanceOf(BinaryReader.MalformedException.class);
    byte[] longer = Arrays.copyOf(good, good.length + 1);
    assertThatThrownBy(() -> ResultCodec.decode(longer)).isInstanceOf(BinaryReader.MalformedException.class);
  }

  @Test
  void entryHeadsRoundTripWithAndWithoutExpiryAndPieces() {
    List<Entry> entries =
        List.of(
            ENTRY,
            new Entry(null, null, json("1"), Long.MAX_VALUE, 1, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, -1),
            new Entry(null, null, QuotaTest.stringOfSize(EntryCodec.PIECE_BYTES), 5, 5, 1, 0, 0, 99),
            new Entry(null, null, QuotaTest.stringOfSize(2 * EntryCodec.PIECE_BYTES + 1), 5, 2, 3, 10, 20, 30));
    for (Entry e : entries) {
      byte[] json = e.value().bytes();
      byte[] head = EntryCodec.encodeHead(e, json);
      EntryCodec.Head h = EntryCodec.decodeHead(Arrays.copyOf(head, Math.min(head.length, EntryCodec.HEADER_BYTES_MAX)), head.length);
      assertThat(h.revision()).isEqualTo(e.revision());
      assertThat(h.createRevision()).isEqualTo(e.createRevision());
      assertThat(h.version()).isEqualTo(e.version());
      assertThat(h.createdAt()).isEqualTo(e.createdAt());
      assertThat(h.updatedAt()).isEqualTo(e.updatedAt());
      assertThat(h.expiresAt()).isEqualTo(e.expiresAt());
      assertThat(h.valueBytes()).isEqualTo(json.length);
      assertThat(h.pieces()).isEqualTo(EntryCodec.pieceCount(json.length));
      assertThat(h.firstPieceBytes()).isEqualTo(Math.min(json.length, EntryCodec.PIECE_BYTES));
      assertThat(Arrays.copyOfRange(head, h.valueOffset(), head.length))
          .isEqualTo(Arrays.copyOf(json, h.firstPieceBytes()));
    }
  }

  @Test
  void appendingBytesEqualsReserializingTheArray() {
    for (String array : List.of("[]", "[1]", "[{\"a\":[]},\"x\"]")) {
      for (String item : List.of("1", "[]", "{\"b\":null}", "\"\u00e9\"")) {
        byte[] spliced = JsonArrays.append(json(array).bytes(), json(item).bytes());
        com.fasterxml.jackson.databind.node.ArrayNode tree = (com.fasterxml.jackson.databind.node.ArrayNode) json(array).node().deepCopy();
        tree.add(json(item).node());
        assertThat(Json.ofCompact(spliced)).isEqualTo(Json.of(tree));
      }
    }
    assertThat(JsonArrays.append(null, json("7").bytes())).isEqualTo(json("[7]").bytes());
  }

  @Test
  void mapKeysOfDifferentScopesKeysAndPiecesNeverCollide() {
    java.util.Set<String> seen = new java.util.HashSet<>();
    String[] keys = {"a", "ab", "b", "\u00e9", "1", "\u00a0x", "k".repeat(1024)};
    for (int id : new int[] {0, 1, 2, 127, 128, 129, 16_383, 16_384, Integer.MAX_VALUE}) {
      for (String k : keys) {
        byte[] entry = MapKeys.entryKey(id, MapKeys.utf8(k, 1024));
        assertThat(seen.add(Arrays.toString(entry))).as("id %d key %s", id, k).isTrue();
        for (int piece : new int[] {1, 2, 511}) {
          assertThat(seen.add(Arrays.toString(MapKeys.pieceKey(entry, piece)))).isTrue();
        }
      }
    }
    assertThat(MapKeys.utf8("c\u0001", 1024)).isNull();
    assertThat(MapKeys.utf8("\uD800", 1024)).isNull();
    assertThat(MapKeys.utf8("\u00e9", 1024)).isEqualTo(new byte[] {(byte) 0xC3, (byte) 0xA9});
  }

  @Test
  void sizingGrowsWithTheSettingsAndCoversItself() {
    MapSizing small = MapSizing.forSettings(new ClusterSettings(1 << 20, 10_000, 64L << 20, 10, 60_000));
    MapSizing defaults = MapSizing.forSettings(ClusterSettings.DEFAULTS);
    assertThat(defaults.covers(small)).isTrue();
    assertThat(small.covers(defaults)).isFalse();
    assertThat(small.union(defaults).covers(defaults)).isTrue();
    assertThat(defaults.entries()).isGreaterThanOrEqualTo(ClusterSettings.ENTRIES_MAX_DEFAULT);
    assertThat(small.entries()).isEqualTo(MapSizing.ENTRIES_FLOOR);
  }
}
