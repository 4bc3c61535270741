package io.statekv.bench.load.internal;

import io.etcd.jetcd.common.exception.EtcdException;
import io.statekv.client.StateKvException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Names a failure for the error counts of a result: the error code where the system gives one. */
final class ErrorKinds {
  private ErrorKinds() {}

  static String of(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof StateKvException e) {
      return e.wireName();
    }
    if (cause instanceof EtcdException e) {
      return e.getErrorCode().name().toLowerCase(Locale.ROOT);
    }
    if (cause instanceof TimeoutException) {
      return "timeout";
    }
    if (cause instanceof MissingKeyException) {
      return "missing_key";
    }
    return cause.getClass().getSimpleName();
  }
}
