package io.statekv.client;

import java.util.concurrent.CompletableFuture;

/**
 * A transaction being built: if every compare holds, the {@code then} ops run, otherwise the
 * {@code otherwise} ops; all in one atomic step with one revision. At most 128 compares and ops in
 * all.
 *
 * <pre>{@code
 * TxnResult result = client.txn()
 *     .when(Compare.version("stock", "sku-1").equalTo(7))
 *     .then(TxnOp.set("stock", "sku-1", 41), TxnOp.append("log", "sku-1", "sold 1"))
 *     .otherwise(TxnOp.get("stock", "sku-1"))
 *     .commit();
 * }</pre>
 *
 * <p>A builder is not thread-safe and is used once: build it on one thread, then commit. A txn is
 * a write: it is retried exactly once across failover like any other write.
 */
public interface Txn {

  /** Adds compares; all must hold for {@code then} to run. */
  Txn when(Compare... compares);

  /** Adds ops to run when every compare holds. */
  Txn then(TxnOp... ops);

  /** Adds ops to run when a compare does not hold. */
  Txn otherwise(TxnOp... ops);

  /**
   * Sends the txn. The future fails with the exceptions listed on {@link StateKvClient}; a failed
   * op makes the whole txn fail with that op's exception (its {@link StateKvException#opIndex()}
   * set) and nothing changes.
   */
  CompletableFuture<TxnResult> commitAsync();

  /** Sends the txn and waits; throws what {@link #commitAsync()} would fail with. */
  TxnResult commit();
}
