package io.statekv.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.statekv.protocol.ErrorCodes;
import io.statekv.protocol.v1.Error;
import io.statekv.protocol.v1.ErrorCode;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The error table, as the client sees it: every code has exactly one exception type, and back. */
class ErrorsTest {
  private static final Map<ErrorCode, Class<? extends StateKvException>> EXPECTED = new EnumMap<>(ErrorCode.class);

  static {
    EXPECTED.put(ErrorCode.NOT_FOUND, NotFoundException.class);
    EXPECTED.put(ErrorCode.CONFLICT, ConflictException.class);
    EXPECTED.put(ErrorCode.VALUE_TOO_LARGE, ValueTooLargeException.class);
    EXPECTED.put(ErrorCode.INVALID_ARGUMENT, InvalidArgumentException.class);
    EXPECTED.put(ErrorCode.NOT_LEADER, NotLeaderException.class);
    EXPECTED.put(ErrorCode.UNAVAILABLE, UnavailableException.class);
    EXPECTED.put(ErrorCode.TIMEOUT, OutcomeUnknownException.class);
    EXPECTED.put(ErrorCode.COMPACTED, CompactedException.class);
    EXPECTED.put(ErrorCode.UNAUTHENTICATED, UnauthenticatedException.class);
    EXPECTED.put(ErrorCode.PERMISSION_DENIED, PermissionDeniedException.class);
    EXPECTED.put(ErrorCode.QUOTA_EXCEEDED, QuotaExceededException.class);
    EXPECTED.put(ErrorCode.TYPE_MISMATCH, TypeMismatchException.class);
    EXPECTED.put(ErrorCode.REQUEST_TOO_LARGE, RequestTooLargeException.class);
    EXPECTED.put(ErrorCode.SESSION_EXPIRED, OutcomeUnknownException.class);
    EXPECTED.put(ErrorCode.SLOW_WATCHER, SlowWatcherException.class);
    EXPECTED.put(ErrorCode.CANCELLED, CancelledException.class);
    EXPECTED.put(ErrorCode.INTERNAL, InternalException.class);
  }

  @Test
  void everyRowOfTheTableMapsToItsException() {
    int rows = 0;
    for (ErrorCodes.Row row : ErrorCodes.rows()) {
      rows++;
      StateKvException mapped = Errors.of(Error.newBuilder().setCode(row.code()).setMessage("m").setOpIndex(-1).build());
      assertThat(mapped).as(row.wireName()).isExactlyInstanceOf(EXPECTED.get(row.code()));
      assertThat(mapped.code()).isEqualTo(row.code());
      assertThat(mapped.wireName()).isEqualTo(row.wireName());
      assertThat(mapped.outcomeUnknown()).as(row.wireName()).isEqualTo(row.outcomeUnknown());
      assertThat(mapped.definitelyFailed()).isEqualTo(!row.outcomeUnknown());
      assertThat(mapped.retryable()).isEqualTo(row.retryable());
      assertThat(mapped.getMessage()).isEqualTo("m");
    }
    assertThat(rows).isEqualTo(EXPECTED.size());
  }

  @Test
  void eachExceptionTypeStandsForOneCodeExceptOutcomeUnknown() {
    Map<Class<?>, Integer> codesPerType = new HashMap<>();
    EXPECTED.values().forEach(type -> codesPerType.merge(type, 1, Integer::sum));
    codesPerType.forEach((type, count) ->
        assertThat(count).as(type.getSimpleName()).isEqualTo(type == OutcomeUnknownException.class ? 2 : 1));
  }

  @Test
  void detailsTravelWithTheirCode() {
    ConflictException conflict = (ConflictException) Errors.of(
        Error.newBuilder().setCode(ErrorCode.CONFLICT).setCurrentRevision(42).setOpIndex(3).build());
    assertThat(conflict.currentRevision()).isEqualTo(42);
    assertThat(conflict.opIndex()).isEqualTo(3);
    NotLeaderException notLeader = (NotLeaderException) Errors.of(
        Error.newBuilder().setCode(ErrorCode.NOT_LEADER).setLeaderId("n2").setLeaderAddress("h:2").build());
    assertThat(notLeader.leaderId()).isEqualTo("n2");
    assertThat(notLeader.leaderAddress()).isEqualTo("h:2");
    CompactedException compacted = (CompactedException) Errors.of(
        Error.newBuilder().setCode(ErrorCode.COMPACTED).setOldestRevision(99).build());
    assertThat(compacted.oldestRevision()).isEqualTo(99);
  }

  @Test
  void anUnknownCodeIsInternal() {
    StateKvException mapped = Errors.of(Error.newBuilder().setCodeValue(999).setMessage("future").build());
    assertThat(mapped).isInstanceOf(InternalException.class);
    assertThat(mapped.getMessage()).contains("999", "future");
  }
}
