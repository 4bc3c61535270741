package io.statekv.node.dispatch;

import io.statekv.storage.Limits;
import java.time.Duration;

/**
 * Node-local settings of request dispatch. None of them changes the result of a write: they bound
 * what a node accepts and how long it waits.
 *
 * @param requestBytesMax the largest serialized request accepted; bigger ones get {@code
 *     request_too_large}
 * @param requestTimeoutDefault how long a request may take when it gives no {@code timeout_ms}
 * @param requestTimeoutMax the upper bound of a request's {@code timeout_ms}; larger values are
 *     lowered to it
 * @param listLimitDefault the page size of a list that gives limit 0
 * @param listPageBytesMax encoded entries in one list page at most (a page always holds at least
 *     one entry); the page ends early with {@code more} set when it is reached
 * @param readThreads threads that read the store after a read barrier
 * @param readQueueMax reads waiting for a read thread at most; beyond it a read gets {@code
 *     unavailable}
 */
public record DispatcherConfig(
    int requestBytesMax,
    Duration requestTimeoutDefault,
    Duration requestTimeoutMax,
    int listLimitDefault,
    int listPageBytesMax,
    int readThreads,
    int readQueueMax) {

  public static final Duration REQUEST_TIMEOUT_DEFAULT = Duration.ofSeconds(10);
  public static final Duration REQUEST_TIMEOUT_MAX_DEFAULT = Duration.ofSeconds(60);
  public static final int LIST_LIMIT_DEFAULT = 1_000;
  public static final int LIST_PAGE_BYTES_MAX_DEFAULT = 8 << 20;
  public static final int READ_QUEUE_MAX_DEFAULT = 10_000;

  public static final DispatcherConfig DEFAULTS = new DispatcherConfig(
      Limits.REQUEST_BYTES_MAX,
      REQUEST_TIMEOUT_DEFAULT,
      REQUEST_TIMEOUT_MAX_DEFAULT,
      LIST_LIMIT_DEFAULT,
      LIST_PAGE_BYTES_MAX_DEFAULT,
      Math.max(2, Runtime.getRuntime().availableProcessors()),
      READ_QUEUE_MAX_DEFAULT);

  public DispatcherConfig {
    if (requestBytesMax < 1024) {
      throw new IllegalArgumentException("request_bytes_max must be at least 1024: " + requestBytesMax);
    }
    if (requestTimeoutDefault.isNegative() || requestTimeoutDefault.isZero()
        || requestTimeoutMax.compareTo(requestTimeoutDefault) < 0) {
      throw new IllegalArgumentException("request timeouts must be positive, with the default at most the max");
    }
    if (listLimitDefault < 1 || listLimitDefault > Limits.LIST_LIMIT_MAX) {
      throw new IllegalArgumentException(
          "list_limit_default must be within [1, " + Limits.LIST_LIMIT_MAX + "]: " + listLimitDefault);
    }
    if (listPageBytesMax < 1 || readThreads < 1 || readQueueMax < 1) {
      throw new IllegalArgumentException("list page bytes, read threads and read queue must be positive");
    }
  }
}
