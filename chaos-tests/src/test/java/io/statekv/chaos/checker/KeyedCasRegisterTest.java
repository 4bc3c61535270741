package io.statekv.chaos.checker;

import static io.statekv.chaos.history.TestHistories.history;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statekv.chaos.checker.LinearizabilityResult.PartitionResult;
import io.statekv.chaos.history.History;
import io.statekv.chaos.history.MalformedHistoryException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KeyedCasRegisterTest {

  private static LinearizabilityResult check(History history) {
    return LinearizabilityChecker.check(new KeyedCasRegister(), history,
        Budget.of(Duration.ofSeconds(30)));
  }

  @Test
  void checksEachKeyOnItsOwn() {
    LinearizabilityResult result = check(history(
        "0 invoke write [\"a\",1]", "0 ok write [\"a\",1]",
        "1 invoke write [\"b\",2]", "1 ok write [\"b\",2]",
        "2 invoke read [\"a\",null]", "2 ok read [\"a\",1]",
        "2 invoke cas [\"b\",[2,3]]", "2 ok cas [\"b\",[2,3]]",
        "0 invoke read [\"b\",null]", "0 ok read [\"b\",3]"));

    assertThat(result.verdictWord()).isEqualTo("linearizable");
    assertThat(result.partitions()).extracting(PartitionResult::label)
        .containsExactly("key \"a\"", "key \"b\"");
    assertThat(result.partitions()).extracting(PartitionResult::operations)
        .containsExactly(2, 3);
  }

  @Test
  void namesTheKeyWhoseHistoryIsNotLinearizable() {
    LinearizabilityResult result = check(history(
        "0 invoke write [1,1]", "0 ok write [1,1]",
        "1 invoke write [2,7]", "1 ok write [2,7]",
        "0 invoke write [2,8]", "0 ok write [2,8]",
        "1 invoke read [2,null]", "1 ok read [2,7]",
        "2 invoke read [1,null]", "2 ok read [1,1]"));

    assertThat(result.verdictWord()).isEqualTo("not-linearizable");
    assertThat(result.partitions()).filteredOn(p -> p.verdict() == Verdict.INVALID)
        .singleElement().satisfies(p -> {
          assertThat(p.label()).isEqualTo("key 2");
          assertThat(p.explanation().unplaceable().completionValue().asInt()).isEqualTo(7);
        });
  }

  @Test
  void aValueReadUnderOneKeyDoesNotLeakIntoAnother() {
    LinearizabilityResult result = check(history(
        "0 invoke write [\"a\",1]", "0 ok write [\"a\",1]",
        "1 invoke read [\"b\",null]", "1 ok read [\"b\",1]"));

    assertThat(result.verdictWord()).isEqualTo("not-linearizable");
  }

  @Test
  void rejectsValuesThatAreNotKeyValuePairs() {
    assertThatThrownBy(() -> check(history("0 invoke write 1", "0 ok write 1")))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessageContaining("line 1: keyed-cas-register values must be [key, value]");
    assertThatThrownBy(() -> check(history(
        "0 invoke read [\"a\",null]", "0 ok read [\"b\",1]")))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessageContaining("line 2: completion is for key \"b\" but its invocation for key \"a\"");
  }
}
