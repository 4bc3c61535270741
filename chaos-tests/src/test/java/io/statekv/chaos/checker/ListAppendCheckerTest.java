package io.statekv.chaos.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statekv.chaos.checker.ListAppendChecker.OrderEdges;
import io.statekv.chaos.history.History;
import io.statekv.chaos.history.HistoryReader;
import io.statekv.chaos.history.MalformedHistoryException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListAppendCheckerTest {

  /**
   * Builds list-append histories: micro-ops are written {@code "append x 1; r y [1,2]"}, with
   * one-letter string keys and the read result given even on invocation (it is dropped there).
   */
  private static final class Txns {
    private final List<String> lines = new ArrayList<>();

    Txns invoke(int process, String microOps) {
      lines.add(line(process, "invoke", microOps, false));
      return this;
    }

    Txns complete(int process, String type, String microOps) {
      lines.add(line(process, type, microOps, type.equals("ok")));
      return this;
    }

    Txns ok(int process, String microOps) {
      return invoke(process, microOps).complete(process, "ok", microOps);
    }

    History history() {
      return HistoryReader.parse(String.join("\n", lines));
    }

    private static String line(int process, String type, String microOps, boolean withReads) {
      List<String> ops = new ArrayList<>();
      for (String micro : microOps.split(";")) {
        String[] parts = micro.trim().split(" ", 3);
        String value = parts[0].equals("r") && !withReads ? "null" : parts[2];
        ops.add("[\"" + parts[0] + "\",\"" + parts[1] + "\"," + value + "]");
      }
      return "{\"process\":" + process + ",\"type\":\"" + type + "\",\"f\":\"txn\",\"value\":["
          + String.join(",", ops) + "]}";
    }
  }

  private static List<String> kinds(CheckResult result) {
    return result.anomalies().stream().map(Anomaly::kind).toList();
  }

  @Test
  void aSerialHistoryIsValid() {
    CheckResult result = ListAppendChecker.check(new Txns()
        .ok(0, "append x 1")
        .ok(1, "r x [1]; append x 2; append y 1")
        .ok(0, "r x [1,2]; r y [1]")
        .history());

    assertThat(result.verdict()).as(result.report()).isEqualTo(Verdict.VALID);
    assertThat(result.stats()).containsEntry("ok-txns", 3L).containsEntry("keys-read", 2L)
        .containsEntry("cyclic-components", 0L);
  }

  @Test
  void findsG0WhenWritesToTwoKeysAreOrderedBothWays() {
    CheckResult result = ListAppendChecker.check(new Txns()
        .invoke(0, "append x 1; append y 2")
        .invoke(1, "append x 2; append y 1")
        .complete(0, "ok", "append x 1; append y 2")
        .complete(1, "ok", "append x 2; append y 1")
        .ok(2, "r x [1,2]; r y [1,2]")
        .history());

    assertThat(kinds(result)).containsExactly("G0");
    assertThat(result.anomalies().get(0).message())
        .matches("T\\d+ -ww \\(key \"[xy]\": .*\\)-> T\\d+ -ww \\(key \"[xy]\": .*\\)-> T\\d+");
  }

  @Test
  void findsG1aWhenAFailedAppendIsRead() {
    CheckResult result = ListAppendChecker.check(new Txns()
        .invoke(0, "append x 1").complete(0, "fail", "append x 1")
        .ok(1, "r x [1]")
        .history());

    assertThat(kinds(result)).containsExactly("G1a");
    assertThat(result.anomalies().get(0).message()).contains("T1", "which failed");
  }

  @Test
  void anIndeterminateAppendMayBeRead() {
    CheckResult result = ListAppendChecker.check(new Txns()
        .invoke(0, "append x 1").complete(0, "info", "append x 1")
        .ok(1, "r x [1]")
        .history());

    assertThat(result.verdict()).isEqualTo(Verdict.VALID);
  }

  @Test
  void findsG1bWhenAReadEndsInAnIntermediateAppend() {
    CheckResult result = ListAppendChecker.check(new Txns()
        .invoke(0, "append x 1; append x 2")
        .ok(1, "r x [1]")
        .complete(0, "ok", "append x 1; append x 2")
        .history());

    assertThat(kinds(result)).containsExactly("G1b");
  }

  @Test
  void findsG1cInACycleOfWriteReadDependencies() {
    CheckResult result = ListAppendChecker.check(new Txns()
        .invoke(0, "append x 1; r y [1]")
        .invoke(1, "append y 1; r x [1]")
        .complete(0, "ok", "append x 1; r y [1]")
        .complete(1, "ok", "append y 1; r x [1]")
        .history());

    assertThat(kinds(result)).containsExactly("G1c");
    assertThat(result.anomalies().get(0).message()).contains("-wr (").doesNotContain("-rw");
  }

  @Test
  void findsGSingleInAReadSkew() {
    CheckResult result = ListAppendChecker.check(new Txns()
        .invoke(0, "r x []; r y [1]")
        .ok(1, "append x 1; append y 1")
        .complete(0, "ok", "r x []; r y [1]")
        .ok(2, "r x [1]")
        .history(), OrderEdges.NONE);

    assertThat(kinds(result)).containsExactly("G-single");
    assertThat(result.anomalies().get(0).ops()).hasSize(2);
  }

  @Test
  void findsG2InAWriteSkew() {
    CheckResult result = ListAppendChecker.check(new Txns()
        .invoke(0, "r x []; append y 1")
        .invoke(1, "r y []; append x 1")
        .complete(0, "ok", "r x []; append y 1")
        .complete(1, "ok", "r y []; append x 1")
        .ok(2, "r x [1]; r y [1]")
        .history());

    assertThat(kinds(result)).containsExactly("G2");
    assertThat(result.anomalies().get(0).message()).containsPattern("-rw .*-rw ");
  }

  @Test
  void aStaleReadIsOnlyAnAnomalyUnderRealtimeOrProcessOrder() {
    History staleRead = new Txns()
        .ok(0, "append x 1")
        .ok(0, "r x []")
        .ok(1, "r x [1]")
        .history();

    assertThat(ListAppendChecker.check(staleRead, OrderEdges.NONE).verdict())
        .isEqualTo(Verdict.VALID);
    assertThat(kinds(ListAppendChecker.check(staleRead, OrderEdges.REALTIME)))
        .containsExactly("G-single-realtime");
    assertThat(kinds(ListAppendChecker.check(staleRead, OrderEdges.PROCESS)))
        .containsExactly("G-single-process");
  }

  @Test
  void realtimeOrderNeedsTheFirstToCompleteBeforeTheSecondBegins() {
    CheckResult concurrent = ListAppendChecker.check(new Txns()
        .invoke(0, "append x 1")
        .invoke(1, "r x []")
        .complete(0, "ok", "append x 1")
        .complete(1, "ok", "r x []")
        .ok(2, "r x [1]")
        .history());

    assertThat(concurrent.verdict()).isEqualTo(Verdict.VALID);
  }

  @Test
  void findsReadsThatAreNotPrefixesOfOneAnother() {
    CheckResult result = ListAppendChecker.check(new Txns()
        .ok(0, "append x 1")
        .ok(1, "append x 2")
        .ok(2, "r x [1,2]")
        .ok(3, "r x [2,1]")
        .history(), OrderEdges.NONE);

    assertThat(kinds(result)).contains("incompatible-order");
  }

  @Test
  void findsDuplicateAndUnexpectedElements() {
    CheckResult result = ListAppendChecker.check(new Txns()
        .ok(0, "append x 1")
        .ok(1, "r x [1,1]")
        .ok(2, "r y [42]")
        .history());

    assertThat(kinds(result)).containsExactlyInAnyOrder("duplicate-elements",
        "unexpected-element");
  }

  @Test
  void findsReadsThatContradictTheirOwnTransaction() {
    CheckResult result = ListAppendChecker.check(new Txns()
        .ok(0, "append x 5; r x []")
        .ok(1, "r y []; append y 1; r y [1]")
        .ok(2, "r z [7]; r z []")
        .ok(3, "append z 7")
        .history(), OrderEdges.NONE);

    assertThat(result.anomalies()).filteredOn(a -> a.kind().equals("internal"))
        .extracting(a -> a.ops().get(0).line()).containsExactly(2, 6);
  }

  @Test
  void withoutAnOkReadTheVerdictIsUnknown() {
    CheckResult result = ListAppendChecker.check(new Txns().ok(0, "append x 1").history());

    assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
  }

  @Test
  void rejectsMalformedTransactions() {
    assertThatThrownBy(() -> ListAppendChecker.check(new Txns()
        .ok(0, "append x 1").ok(1, "append x 1").history()))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessageContaining("line 3: element 1 is appended to key \"x\" again");
    assertThatThrownBy(() -> ListAppendChecker.check(HistoryReader.parse(
        "{\"process\":0,\"type\":\"invoke\",\"f\":\"txn\",\"value\":[[\"write\",\"x\",1]]}")))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessageContaining("a micro-op must be");
    assertThatThrownBy(() -> ListAppendChecker.check(new Txns()
        .invoke(0, "append x 1").complete(0, "ok", "r x [1]").history()))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessageContaining("do not match the invoked ones");
  }

  @Test
  void strictlySerializableSimulatedRunsHaveNoAnomalies() {
    for (long seed = 1; seed <= 20; seed++) {
      History history = new SerializableRun(seed).history(400);

      CheckResult result = ListAppendChecker.check(history);

      assertThat(result.verdict()).as("seed %d: %s", seed, result.report())
          .isEqualTo(Verdict.VALID);
    }
  }

  @Test
  void aSimulatedRunWithOneStaleReadIsCaughtUnderRealtimeOrder() {
    for (long seed = 1; seed <= 10; seed++) {
      SerializableRun run = new SerializableRun(seed).withStaleReadFrom(100);
      History history = run.history(400);
      assertThat(run.staleReadMade()).as("seed %d made its stale read", seed).isTrue();

      CheckResult result = ListAppendChecker.check(history);

      assertThat(result.verdict()).as("seed %d", seed).isEqualTo(Verdict.INVALID);
      assertThat(kinds(result)).as("seed %d", seed)
          .anyMatch(kind -> kind.startsWith("G-single") || kind.startsWith("G2"));
    }
  }
}
