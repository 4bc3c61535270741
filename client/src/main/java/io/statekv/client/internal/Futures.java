package io.statekv.client.internal;

import io.statekv.client.CancelledException;
import io.statekv.client.InternalException;
import io.statekv.client.OutcomeUnknownException;
import io.statekv.client.StateKvException;
import io.statekv.protocol.v1.ErrorCode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Waits for a call for the blocking forms, unwrapping its failure into the typed exception. */
final class Futures {
  private Futures() {}

  /**
   * Waits for the answer. The call always ends by its deadline, so this never waits longer. If the
   * waiting thread is interrupted, the call goes on in the background: a write may still apply, so
   * it is reported as an unknown outcome.
   */
  static <T> T await(CompletableFuture<T> future, boolean write) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof StateKvException failure) {
        throw failure;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new InternalException("the client failed: " + cause, -1, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw write
          ? new OutcomeUnknownException(ErrorCode.CANCELLED, "interrupted while waiting; the write goes on and may be applied", e)
          : new CancelledException("interrupted while waiting", -1, e);
    }
  }
}
