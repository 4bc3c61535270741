package io.statekv.storage;

import java.util.Set;

/**
 * Every bound of the data model, as named constants with the qualifier last.
 *
 * <p>The edge (the node's request decoders) enforces these before anything reaches the log; the
 * core asserts them again while applying, and rejects deterministically with a typed failure.
 * Limits that can change results and are tunable live in {@link ClusterSettings} instead, because
 * they must be the same on every replica.
 */
public final class Limits {
  private Limits() {}

  /** Scope names are 1..256 UTF-8 bytes, without control characters. */
  public static final int SCOPE_BYTES_MAX = 256;

  /** Keys are 1..1024 UTF-8 bytes, without control characters. */
  public static final int KEY_BYTES_MAX = 1024;

  /** JSON values nest at most this many levels (objects and arrays count one each). */
  public static final int VALUE_DEPTH_MAX = 64;

  /** Default of {@link ClusterSettings#valueBytesMax()}: 1 MiB of compact JSON. */
  public static final int VALUE_BYTES_MAX_DEFAULT = 1 << 20;

  /** The highest {@link ClusterSettings#valueBytesMax()} a cluster may be configured with. */
  public static final int VALUE_BYTES_MAX_CEILING = 16 << 20;

  /** Default bound on a single client request frame or HTTP body. */
  public static final int REQUEST_BYTES_MAX = 4 << 20;

  /** Operations in one txn, counting compares, then and else together. */
  public static final int TXN_OPS_MAX = 128;

  /** Operations in one update request. iii has no such bound; a request must still be bounded. */
  public static final int UPDATE_OPS_MAX = 1024;

  /** Entries in one list page. */
  public static final int LIST_LIMIT_MAX = 10_000;

  /** iii update ops: path depth of a nested merge or append path. */
  public static final int PATH_DEPTH_MAX = 32;

  /** iii update ops: bytes in one path segment. */
  public static final int PATH_SEGMENT_BYTES_MAX = 256;

  /** iii update ops: nesting depth of a merge value. */
  public static final int MERGE_VALUE_DEPTH_MAX = 16;

  /** iii update ops: top-level keys of a merge value. */
  public static final int MERGE_VALUE_KEYS_MAX = 1024;

  /** Path segments and merge keys refused because they are JavaScript prototype-pollution sinks. */
  public static final Set<String> PROTO_POLLUTION_NAMES = Set.of("__proto__", "constructor", "prototype");

  /** The longest TTL a write may ask for: ten years. */
  public static final long TTL_SECONDS_MAX = 10L * 366 * 24 * 3600;

  /** Entries one expiry command deletes at most, so that one log entry does bounded work. */
  public static final int EXPIRE_BATCH_MAX = 1_000;

  /** Cached responses kept per client session (its window of requests in flight). */
  public static final int SESSION_RESPONSES_MAX = 1_024;

  /**
   * Bytes of cached responses kept across all client sessions. A response carries old and new
   * values, so without this bound a thousand in-flight writes of large values per client could
   * hold gigabytes; past it, the oldest responses of the least recently seen clients are dropped.
   */
  public static final long SESSION_RESPONSE_BYTES_MAX = 64L << 20;
}
