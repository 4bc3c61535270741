package io.statekv.chaos.history;

import static io.statekv.chaos.history.TestHistories.history;
import static io.statekv.chaos.history.TestHistories.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest {

  @Test
  void pairsInvocationsWithTheirCompletionsInInvocationOrder() {
    History history = history(
        "0 invoke write 1",
        "1 invoke read",
        "1 ok read 1",
        "0 ok write 1",
        "2 invoke cas [1,2]",
        "2 fail cas [1,2]");

    List<Operation> operations = history.operations();
    assertThat(operations).extracting(Operation::f).containsExactly("write", "read", "cas");
    assertThat(operations.get(0).completion().index()).isEqualTo(3);
    assertThat(operations.get(1).completionValue().asInt()).isEqualTo(1);
    assertThat(operations.get(2).isFail()).isTrue();
    assertThat(history.ops()).extracting(Op::index).containsExactly(0, 1, 2, 3, 4, 5);
  }

  @Test
  void anOperationWithoutCompletionIsOpenToTheEndLikeInfo() {
    History history = history(
        "0 invoke write 1",
        "1 invoke write 2",
        "1 info write 2 error=timed-out",
        "2 invoke read");

    Operation open = history.operations().get(0);
    Operation info = history.operations().get(1);
    Operation lateRead = history.operations().get(2);
    assertThat(open.completion()).isNull();
    assertThat(open.isIndeterminate()).isTrue();
    assertThat(info.isIndeterminate()).isTrue();
    assertThat(info.error()).isEqualTo("timed-out");
    assertThat(open.effectDeadlineIndex()).isEqualTo(Integer.MAX_VALUE);
    assertThat(info.precedes(lateRead)).as("info may take effect after a later invocation")
        .isFalse();
  }

  @Test
  void precedesOnlyWhenCompletedBeforeTheOtherWasInvoked() {
    History history = history(
        "0 invoke write 1",
        "0 ok write 1",
        "1 invoke read",
        "2 invoke read",
        "1 ok read 1",
        "2 ok read 1");

    Operation write = history.operations().get(0);
    Operation first = history.operations().get(1);
    Operation second = history.operations().get(2);
    assertThat(write.precedes(first)).isTrue();
    assertThat(first.precedes(second)).isFalse();
    assertThat(second.precedes(first)).isFalse();
  }

  @Test
  void rejectsAProcessThatInvokesWhileItsOperationIsOpen() {
    assertThatThrownBy(() -> history("0 invoke write 1", "0 invoke read"))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessage("line 2: process 0 invokes 'read' while its 'write' from line 1 is still open")
        .extracting(e -> ((MalformedHistoryException) e).line()).isEqualTo(2);
  }

  @Test
  void rejectsACompletionWithoutInvocation() {
    assertThatThrownBy(() -> history("0 invoke write 1", "1 ok read 1"))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessageContaining("line 2: process 1 completes 'read' with ok but has no open");
  }

  @Test
  void rejectsACompletionOfAnotherFunction() {
    assertThatThrownBy(() -> history("0 invoke write 1", "0 ok read 1"))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessageContaining("completes 'read' but its open operation from line 1 is 'write'");
  }

  @Test
  void rejectsAProcessThatInvokesAgainAfterInfo() {
    assertThatThrownBy(() -> history(
        "0 invoke write 1",
        "0 info write 1",
        "0 invoke read"))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessageContaining("line 3: process 0 invokes again after its operation ended in info"
            + " on line 2");
  }

  @Test
  void rejectsTimeGoingBackwards() {
    assertThatThrownBy(() -> history("t=10 0 invoke write 1", "t=9 0 ok write 1"))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessageContaining("line 2: time 9 is before the time 10");
  }

  @Test
  void keepsNemesisOpsOutOfPairingButRequiresThemToBeInfo() {
    History history = history(
        "0 invoke write 1",
        "nemesis info partition [\"n1\"]",
        "0 ok write 1",
        "nemesis info heal");

    assertThat(history.operations()).hasSize(1);
    assertThat(history.nemesisOps()).extracting(Op::f).containsExactly("partition", "heal");
    assertThatThrownBy(() -> history("nemesis invoke kill"))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessageContaining("nemesis ops must have type info");
  }

  @Test
  void reindexesOpsByPosition() {
    List<Op> ops = ops("0 invoke read", "0 ok read 3");
    History history = History.of(List.of(ops.get(0).withIndex(7), ops.get(1)));

    assertThat(history.ops()).extracting(Op::index).containsExactly(0, 1);
    assertThat(history.hasTimes()).isFalse();
  }
}
