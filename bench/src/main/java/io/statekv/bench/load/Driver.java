package io.statekv.bench.load;

import java.util.concurrent.CompletableFuture;

/**
 * One system under test, seen through its own client library. A driver turns an {@link
 * Operation} on a key of the {@link KeySpace} into that system's request.
 *
 * <p>Thread-safe: the load generator starts operations from several threads at once, and from the
 * client's own completion threads. {@link #start} never blocks; a failure (timeout, error answer)
 * fails the future.
 */
public interface Driver extends AutoCloseable {
  /** The system's name in results, such as {@code statekv} or {@code etcd}. */
  String system();

  /** Waits until the system accepts writes, or fails after the given seconds. */
  void awaitReady(int seconds) throws Exception;

  /** Starts one operation on the key with this index. */
  CompletableFuture<Outcome> start(Operation operation, int keyIndex);

  /** Closes the client; operations in flight fail. */
  @Override
  void close();
}
