package io.statekv.storage.internal;

import io.statekv.storage.ClusterSettings;
import net.openhft.chronicle.hash.impl.VanillaChronicleHash;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * How large a Chronicle Map the settings call for, so that Chronicle never refuses a write that
 * the replicated quotas allow.
 *
 * <p>Chronicle fails in two ways: an entry larger than a segment tier, and more segment tiers than
 * {@code maxBloatFactor} allows. Both depend on how keys fall into segments and on the order of
 * inserts and deletes, which can differ between replicas, so apply must refuse first and
 * deterministically ({@code entries_max}, {@code state_bytes_max}, {@code value_bytes_max}). This
 * sizing keeps Chronicle's limits far beyond those quotas:
 *
 * <ul>
 *   <li>Every Chronicle entry is at most one {@link EntryCodec#PIECE_BYTES} piece plus the longest
 *       key and header; {@link #create} asserts that the map's largest entry is bigger still.
 *   <li>The entry count is the most pieces the quotas allow (every entry, plus one extra piece
 *       per {@link EntryCodec#PIECE_BYTES} of {@code state_bytes_max}) with a margin; Chronicle
 *       sizes each segment for a 99.999th-percentile share of it.
 *   <li>The main segment tiers are sized for all of {@code state_bytes_max} plus per-entry
 *       overhead, and the bloat factor allows extra tiers for twice the worst demand on top.
 * </ul>
 *
 * Chronicle reserves the space lazily (untouched pages cost no memory), so generous sizing costs
 * address space, not RSS. Reservations are capped at {@link #RESERVED_BYTES_MAX}; beyond it, extra
 * tiers allocated on demand carry the rest.
 */
record MapSizing(long entries, double averageValueBytes, double maxBloatFactor) {

  /** Never size below this many entries, so that small settings still get a roomy geometry. */
  static final long ENTRIES_FLOOR = 16_384;

  /** Margin over the most pieces the quotas allow. */
  static final double ENTRIES_MARGIN = 1.25;

  /** The typical scope and key, as Chronicle's sizing estimate. */
  static final int AVERAGE_KEY_BYTES = 32;

  /** The smallest average value Chronicle is told to expect. */
  static final int AVERAGE_VALUE_BYTES_MIN = 256;

  /** Chronicle's allocation unit; small, so that rounding wastes little per entry. */
  static final int CHUNK_BYTES = 32;

  /** Off-heap bytes per piece on top of its key and value: header, size prefixes, rounding. */
  static final int PIECE_OVERHEAD_BYTES = EntryCodec.HEADER_BYTES_MAX + 16 + CHUNK_BYTES;

  /** The most address space one map reserves up front for its main tiers. */
  static final long RESERVED_BYTES_MAX = 64L << 30;

  /** The largest single Chronicle entry the store ever writes. */
  static final long ENTRY_BYTES_MAX =
      EntryCodec.PIECE_BYTES + MapKeys.ENTRY_KEY_BYTES_MAX + MapKeys.PIECE_SUFFIX_BYTES + PIECE_OVERHEAD_BYTES;

  static MapSizing forSettings(ClusterSettings s) {
    long extraPieces = (s.stateBytesMax() + EntryCodec.PIECE_BYTES - 1) / EntryCodec.PIECE_BYTES;
    long maxPieces = s.entriesMax() + extraPieces;
    long entries = Math.max(ENTRIES_FLOOR, (long) Math.ceil(maxPieces * ENTRIES_MARGIN));
    double expectedBytes = s.stateBytesMax() + (double) entries * PIECE_OVERHEAD_BYTES;
    double averageValue = Math.max(AVERAGE_VALUE_BYTES_MIN, expectedBytes / entries - AVERAGE_KEY_BYTES);
    double reservedCap = (double) RESERVED_BYTES_MAX / entries - AVERAGE_KEY_BYTES;
    averageValue = Math.max(AVERAGE_VALUE_BYTES_MIN, Math.min(averageValue, reservedCap));
    double mainBytes = entries * (AVERAGE_KEY_BYTES + averageValue);
    double worstBytes =
        s.stateBytesMax()
            + (double) maxPieces * PIECE_OVERHEAD_BYTES
            + (double) extraPieces * (MapKeys.ENTRY_KEY_BYTES_MAX + MapKeys.PIECE_SUFFIX_BYTES);
    double bloat = Math.min(1000.0, Math.max(4.0, Math.ceil(2 * worstBytes / mainBytes) + 1));
    return new MapSizing(entries, Math.ceil(averageValue), bloat);
  }

  /** True when this sizing holds at least what {@code other} holds. */
  boolean covers(MapSizing other) {
    return entries >= other.entries
        && entries * averageValueBytes >= other.entries * other.averageValueBytes
        && maxBloatFactor >= other.maxBloatFactor;
  }

  /** The larger of both in every dimension. */
  MapSizing union(MapSizing other) {
    return new MapSizing(
        Math.max(entries, other.entries),
        Math.max(averageValueBytes, other.averageValueBytes),
        Math.max(maxBloatFactor, other.maxBloatFactor));
  }

  /** Creates an in-memory map of this size and checks that it can hold the largest piece. */
  ChronicleMap<byte[], byte[]> create() {
    ChronicleMap<byte[], byte[]> map =
        ChronicleMapBuilder.of(byte[].class, byte[].class)
            .name("statekv-entries")
            .entries(entries)
            .averageKeySize(AVERAGE_KEY_BYTES)
            .averageValueSize(averageValueBytes)
            .actualChunkSize(CHUNK_BYTES)
            .maxBloatFactor(maxBloatFactor)
            // The store owns the map's life: Chronicle's own exit hook would close it under a
            // replica that is still applying during shutdown, and apply would then fail on every
            // entry. The map is in memory, so nothing is lost by leaving it to process exit.
            .skipCloseOnExitHook(true)
            .create();
    VanillaChronicleHash<?, ?, ?, ?> hash = (VanillaChronicleHash<?, ?, ?, ?>) map;
    long largestEntry = (long) hash.maxChunksPerEntry * hash.chunkSize;
    if (largestEntry < ENTRY_BYTES_MAX) {
      map.close();
      throw new IllegalStateException(
          "map geometry too small: largest entry " + largestEntry + " < " + ENTRY_BYTES_MAX + " for " + this);
    }
    return map;
  }
}
