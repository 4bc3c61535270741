package io.statekv.chaos.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.statekv.chaos.history.OpType;
import io.statekv.client.ConflictException;
import io.statekv.client.OutcomeUnknownException;
import io.statekv.client.UnavailableException;
import io.statekv.protocol.v1.ErrorCode;
import org.junit.jupiter.api.Test;

/** The client's exceptions become the right history types (Jepsen's ok / fail / info). */
class OutcomesTest {
  @Test
  void anUnknownOutcomeOfAWriteIsInfo() {
    OutcomeUnknownException timeout = new OutcomeUnknownException(ErrorCode.TIMEOUT, "late");
    assertThat(Outcomes.classify(timeout, false)).isEqualTo(OpType.INFO);
    assertThat(Outcomes.classify(new OutcomeUnknownException(ErrorCode.SESSION_EXPIRED, "gone"),
        false)).isEqualTo(OpType.INFO);
    assertThat(Outcomes.describe(timeout)).isEqualTo("timeout");
  }

  @Test
  void aDefiniteFailureOfAWriteIsFail() {
    assertThat(Outcomes.classify(new UnavailableException("no leader"), false))
        .isEqualTo(OpType.FAIL);
    assertThat(Outcomes.classify(new ConflictException("stale", 3), false)).isEqualTo(OpType.FAIL);
  }

  @Test
  void anyFailureOfAReadIsFailAndAnUnexpectedErrorOfAWriteIsInfo() {
    assertThat(Outcomes.classify(new OutcomeUnknownException(ErrorCode.TIMEOUT, "late"), true))
        .isEqualTo(OpType.FAIL);
    assertThat(Outcomes.classify(new IllegalStateException("bug"), false)).isEqualTo(OpType.INFO);
    assertThat(Outcomes.describe(new IllegalStateException("bug")))
        .isEqualTo("IllegalStateException");
  }
}
