package io.statekv.client.internal;

import io.statekv.client.CancelledException;
import io.statekv.client.CompactedException;
import io.statekv.client.ConflictException;
import io.statekv.client.InternalException;
import io.statekv.client.InvalidArgumentException;
import io.statekv.client.NotFoundException;
import io.statekv.client.NotLeaderException;
import io.statekv.client.OutcomeUnknownException;
import io.statekv.client.PermissionDeniedException;
import io.statekv.client.QuotaExceededException;
import io.statekv.client.RequestTooLargeException;
import io.statekv.client.SlowWatcherException;
import io.statekv.client.StateKvException;
import io.statekv.client.TypeMismatchException;
import io.statekv.client.UnauthenticatedException;
import io.statekv.client.UnavailableException;
import io.statekv.client.ValueTooLargeException;
import io.statekv.protocol.v1.Error;

/** Maps a wire {@link Error} to its typed exception: one row per code of the error table. */
public final class Errors {
  private Errors() {}

  public static StateKvException of(Error error) {
    String message = error.getMessage();
    int op = error.getOpIndex();
    return switch (error.getCode()) {
      case NOT_FOUND -> new NotFoundException(message, op, null);
      case CONFLICT -> new ConflictException(message, error.getCurrentRevision(), op, null);
      case VALUE_TOO_LARGE -> new ValueTooLargeException(message, op, null);
      case INVALID_ARGUMENT -> new InvalidArgumentException(message, op, null);
      case NOT_LEADER -> new NotLeaderException(message, error.getLeaderId(), error.getLeaderAddress());
      case UNAVAILABLE -> new UnavailableException(message, op, null);
      case TIMEOUT, SESSION_EXPIRED -> new OutcomeUnknownException(error.getCode(), message);
      case COMPACTED -> new CompactedException(message, error.getOldestRevision());
      case UNAUTHENTICATED -> new UnauthenticatedException(message, op, null);
      case PERMISSION_DENIED -> new PermissionDeniedException(message, op, null);
      case QUOTA_EXCEEDED -> new QuotaExceededException(message, op, null);
      case TYPE_MISMATCH -> new TypeMismatchException(message, op, null);
      case REQUEST_TOO_LARGE -> new RequestTooLargeException(message, op, null);
      case SLOW_WATCHER -> new SlowWatcherException(message, op, null);
      case CANCELLED -> new CancelledException(message, op, null);
      case INTERNAL -> new InternalException(message, op, null);
      case ERROR_CODE_UNSPECIFIED, UNRECOGNIZED -> new InternalException(
          "a node answered with an error of unknown code " + error.getCodeValue() + ": " + message, op, null);
    };
  }
}
