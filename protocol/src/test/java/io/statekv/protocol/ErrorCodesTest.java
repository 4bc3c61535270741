package io.statekv.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.protocol.v1.ErrorCode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ErrorCodesTest {

  @Test
  void everyProtobufCodeHasExactlyOneRow() {
    Set<String> names = new HashSet<>();
    for (ErrorCode code : ErrorCode.values()) {
      if (code == ErrorCode.ERROR_CODE_UNSPECIFIED || code == ErrorCode.UNRECOGNIZED) {
        continue;
      }
      ErrorCodes.Row row = ErrorCodes.of(code);
      assertThat(row.code()).isEqualTo(code);
      assertThat(names.add(row.wireName())).as("wire name %s is unique", row.wireName()).isTrue();
      assertThat(ErrorCodes.byWireName(row.wireName())).isSameAs(row);
    }
  }

  @Test
  void wireNamesAreTheProtobufNamesInSnakeCase() {
    for (ErrorCodes.Row row : ErrorCodes.rows()) {
      assertThat(row.wireName()).isEqualTo(row.code().name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  @Test
  void onlyTimeoutAndExpiredSessionsLeaveTheOutcomeUnknown() {
    for (ErrorCodes.Row row : ErrorCodes.rows()) {
      boolean expected = row.code() == ErrorCode.TIMEOUT || row.code() == ErrorCode.SESSION_EXPIRED;
      assertThat(row.outcomeUnknown()).as(row.wireName()).isEqualTo(expected);
    }
  }
}
